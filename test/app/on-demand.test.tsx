// @vitest-environment happy-dom
// A part of the card loaded after it paints (Save to chart) shows itself once loaded, and says so
// when its chunk cannot be loaded (an app update or a dropped network): never a silent gap.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { loadedAfterPaint } from '../../src/app/components/on-demand.ts';

afterEach(cleanup);

const Greeting = (props: { name: string }) => <button type="button">Save for {props.name}</button>;
const FAILED = 'Save to chart could not be loaded.';

describe('loadedAfterPaint', () => {
  it('renders the loaded component with its props', async () => {
    const Lazy = loadedAfterPaint(
      async () => ({ Greeting }),
      (m) => m.Greeting,
      FAILED,
    );
    render(<Lazy name="Ms Example" />);
    expect(await screen.findByRole('button', { name: 'Save for Ms Example' })).toBeTruthy();
    expect(screen.queryByText(FAILED)).toBeNull();
  });

  it('says so when the module cannot be loaded', async () => {
    const Lazy = loadedAfterPaint(
      () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
      (m: { Greeting: typeof Greeting }) => m.Greeting,
      FAILED,
    );
    render(<Lazy name="Ms Example" />);
    expect((await screen.findByRole('status')).textContent).toBe(FAILED);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
