import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UserMenu } from './UserMenu';

describe('the user menu', () => {
  it('names the user, opens to show what they own through, and signs out with the CSRF token', async () => {
    document.cookie = 'XSRF-TOKEN=csrf-456';
    const { container } = render(
      <UserMenu identity={{ userRef: 'user:default/grace.hopper', displayName: 'Grace Hopper', ownershipRefs: ['user:default/grace.hopper', 'group:default/platform-team'] }} />,
    );
    // A <summary>, which browsers open with Enter or Space as with a click (jsdom only with a click).
    await userEvent.click(screen.getByText('Grace Hopper'));
    expect(container.querySelector('details')!.open).toBe(true);
    expect(screen.getByText('group:default/platform-team')).toBeTruthy();
    expect((container.querySelector('input[name="_csrf"]') as HTMLInputElement).value).toBe('csrf-456');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });
});
