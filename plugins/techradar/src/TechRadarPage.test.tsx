import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
// The shell's own test helpers: the plugin is tested in the web app's Vitest (docs/ui-plugins.md).
import { HOSTILE_URLS, unsafeHrefs } from '../../../frontend-shell/web/src/testing/hostileUrls';
// The very file the plugin is built with, so the test checks what people will see.
import servedFile from '../tech-radar.json';
import { readRadar, RadarFile } from './radarData';
import { TechRadarPage } from './TechRadarPage';

const SERVED = servedFile as RadarFile;
const radarOf = (file: RadarFile) => async () => readRadar(file);

describe('the Tech Radar', () => {
  it('draws every entry of the file it is served with as a focusable mark, and names the quadrants and rings', async () => {
    render(<TechRadarPage />);
    const chart = await screen.findByRole('group', { name: /Acme Tech Radar/ });
    const marks = within(chart).getAllByRole('button');
    expect(marks).toHaveLength(SERVED.entries.length);
    marks.forEach((mark) => expect(mark.getAttribute('tabindex')).toBe('0'));
    for (const quadrant of SERVED.quadrants) expect(screen.getByRole('heading', { name: quadrant.name })).toBeTruthy();
    expect(within(chart).getByText('ADOPT')).toBeTruthy();
  });

  it('tells about an entry reached with the keyboard, including how it moved', async () => {
    render(<TechRadarPage />);
    await screen.findByRole('group', { name: /Acme Tech Radar/ });
    const kotlin = screen.getByRole('button', { name: /Kotlin: TRIAL in Languages, moved in/ });
    while (document.activeElement !== kotlin) await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    expect(kotlin.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('heading', { name: /Kotlin/, level: 2 })).toBeTruthy();
    expect(screen.getByText('Two teams use it for services; moved up from assess.')).toBeTruthy();
  });

  it('makes no link of an entry whose URL is a script or data URL', async () => {
    const entries = HOSTILE_URLS.map((url, index) => ({ id: `e${index}`, title: `Entry ${index}`, quadrant: 'languages', ring: 'adopt', url }));
    const { container } = render(<TechRadarPage load={radarOf({ ...SERVED, entries })} />);
    await screen.findByRole('group', { name: /Acme Tech Radar/ });
    for (let index = 0; index < entries.length; index++) {
      await userEvent.click(screen.getByRole('button', { name: new RegExp(`^\\d+\\. Entry ${index}:`) }));
      expect(screen.getByRole('heading', { name: new RegExp(`Entry ${index}`), level: 2 })).toBeTruthy();
      expect(unsafeHrefs(container)).toEqual([]);
    }
  });

  it('reads the older shape, with ring and moved on the entry', () => {
    const radar = readRadar({ ...SERVED, entries: [{ key: 'go', title: 'Go', quadrant: 'languages', ring: 'hold', moved: -1 }] });
    expect(radar.entries).toEqual([expect.objectContaining({ id: 'go', ring: 'hold', moved: -1, number: 1 })]);
  });

  it('says which entry of the file is wrong', async () => {
    render(<TechRadarPage load={radarOf({ ...SERVED, entries: [{ title: 'Rust', quadrant: 'languages', ring: 'someday' }] })} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Entry "Rust" names an unknown ring "someday"');
  });
});
