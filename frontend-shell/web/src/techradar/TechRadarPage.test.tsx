import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../testing/fakeApi';
import { HOSTILE_URLS, unsafeHrefs } from '../testing/hostileUrls';
import { readRadar, RadarFile } from './radarData';
import { TechRadarPage } from './TechRadarPage';
// The very file the UI is served with (web/public), so the test checks what people will see.
import servedFile from '../../public/tech-radar.json?raw';

afterEach(() => vi.unstubAllGlobals());

const SERVED: RadarFile = JSON.parse(servedFile);

describe('the Tech Radar', () => {
  it('draws every entry of the file it is served with as a focusable mark, and names the quadrants and rings', async () => {
    const requests = fakeFetch(() => json(SERVED));
    render(<TechRadarPage />);
    const chart = await screen.findByRole('group', { name: /Acme Tech Radar/ });
    const marks = within(chart).getAllByRole('button');
    expect(marks).toHaveLength(SERVED.entries.length);
    marks.forEach((mark) => expect(mark.getAttribute('tabindex')).toBe('0'));
    for (const quadrant of SERVED.quadrants) expect(screen.getByRole('heading', { name: quadrant.name })).toBeTruthy();
    expect(within(chart).getByText('ADOPT')).toBeTruthy();
    expect(requests[0].url.pathname).toBe('/tech-radar.json');
  });

  it('tells about an entry reached with the keyboard, including how it moved', async () => {
    fakeFetch(() => json(SERVED));
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
    fakeFetch(() => json({ ...SERVED, entries }));
    const { container } = render(<TechRadarPage />);
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
    fakeFetch(() => json({ ...SERVED, entries: [{ title: 'Rust', quadrant: 'languages', ring: 'someday' }] }));
    render(<TechRadarPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('Entry "Rust" names an unknown ring "someday"');
  });
});
