/** Keeps only what the signed-in user owns, directly or through one of their groups. */
export function OwnedByMeToggle({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      Owned by me
    </label>
  );
}
