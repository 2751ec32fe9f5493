import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SlotPicker } from '../src/booking/SlotPicker';
import type { SlotLike } from '../src/booking/slots';
import { I18nProvider, type Locale } from '../src/shared/i18n';

const slot = (start: string, minutes = 30): SlotLike => ({
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  seatsLeft: 1,
});

function Harness({
  slots,
  zone,
  month,
  locale = 'en',
  onPick = () => undefined,
}: {
  slots: SlotLike[];
  zone: string;
  month: string;
  locale?: Locale;
  onPick?: (s: SlotLike) => void;
}) {
  const [date, setDate] = useState<string | null>(null);
  const [shownMonth, setMonth] = useState(month);
  const [tz, setTz] = useState(zone);
  return (
    <I18nProvider initial={locale}>
      <SlotPicker
        month={shownMonth}
        onMonthChange={setMonth}
        canGoBack
        canGoForward
        slots={slots}
        timeZone={tz}
        onTimeZoneChange={setTz}
        selectedDate={date}
        onSelectDate={setDate}
        onSelectSlot={onPick}
      />
    </I18nProvider>
  );
}

const timeLabels = () =>
  within(screen.getByRole('list', { name: /available times on/i }))
    .getAllByRole('button')
    .map((b) => b.textContent!.replace(/\s/g, ' '));

const dayButton = (label: RegExp) => screen.getByRole('button', { name: label });

// The same three instants, seen from two zones 9.5 hours apart.
const SAME_SLOTS = [
  slot('2026-03-10T14:00:00Z'),
  slot('2026-03-10T15:30:00Z'),
  slot('2026-03-10T20:00:00Z'),
];

describe('SlotPicker across time zones', () => {
  it('shows a New York viewer the slots at New York wall-clock times', () => {
    render(<Harness slots={SAME_SLOTS} zone="America/New_York" month="2026-03-01" />);
    expect(screen.getByRole('combobox', { name: /times are shown in/i })).toHaveValue(
      'America/New_York',
    );
    // Only March 10 has times, and it is selected by default.
    expect(dayButton(/tuesday, march 10, 2026$/i)).toHaveAttribute('aria-pressed', 'true');
    expect(dayButton(/wednesday, march 11, 2026 — no free times/i)).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(timeLabels()).toEqual(['10:00 AM', '11:30 AM', '4:00 PM']);
  });

  it('shows a Kolkata viewer the same instants at +05:30, spilling into the next day', async () => {
    const user = userEvent.setup();
    render(<Harness slots={SAME_SLOTS} zone="Asia/Kolkata" month="2026-03-01" />);
    expect(dayButton(/tuesday, march 10, 2026$/i)).toHaveAttribute('aria-pressed', 'true');
    expect(timeLabels()).toEqual(['7:30 PM', '9:00 PM']);
    await user.click(dayButton(/wednesday, march 11, 2026$/i));
    expect(timeLabels()).toEqual(['1:30 AM']);
  });

  it('re-renders the times when the viewer switches zone', async () => {
    const user = userEvent.setup();
    render(<Harness slots={SAME_SLOTS} zone="America/New_York" month="2026-03-01" />);
    expect(timeLabels()).toEqual(['10:00 AM', '11:30 AM', '4:00 PM']);
    await user.selectOptions(
      screen.getByRole('combobox', { name: /times are shown in/i }),
      'Asia/Kolkata',
    );
    expect(timeLabels()).toEqual(['7:30 PM', '9:00 PM']);
  });

  it('hands back the exact UTC slot that was clicked', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    render(<Harness slots={SAME_SLOTS} zone="Asia/Kolkata" month="2026-03-01" onPick={onPick} />);
    await user.click(screen.getByRole('button', { name: /9:00\sPM/ }));
    expect(onPick).toHaveBeenCalledWith(SAME_SLOTS[1]);
  });

  it('handles the spring-forward day: 1:30 AM is followed by 3:30 AM, there is no 2 AM', () => {
    // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT. One hour apart in UTC.
    render(
      <Harness
        slots={[slot('2026-03-08T06:30:00Z'), slot('2026-03-08T07:30:00Z')]}
        zone="America/New_York"
        month="2026-03-01"
      />,
    );
    expect(dayButton(/sunday, march 8, 2026$/i)).toHaveAttribute('aria-pressed', 'true');
    expect(timeLabels()).toEqual(['1:30 AM', '3:30 AM']);
  });

  it('handles the fall-back day: 1:30 AM happens twice, both offered, told apart by zone', () => {
    // 2026-11-01 in New York: 02:00 EDT falls back to 01:00 EST.
    render(
      <Harness
        slots={[
          slot('2026-11-01T05:00:00Z'),
          slot('2026-11-01T05:30:00Z'),
          slot('2026-11-01T06:30:00Z'),
          slot('2026-11-01T08:00:00Z'),
        ]}
        zone="America/New_York"
        month="2026-11-01"
      />,
    );
    // Only the repeated wall time carries the abbreviation; the others stay plain.
    expect(timeLabels()).toEqual(['1:00 AM', '1:30 AM EDT', '1:30 AM EST', '3:00 AM']);
  });

  it('falls back to the UTC offset where the locale has no distinct abbreviations', () => {
    // 2027-04-04 in Sydney: 03:00 AEDT falls back to 02:00 AEST; en-US names both "GMT+1x".
    render(
      <Harness
        slots={[slot('2027-04-03T15:30:00Z'), slot('2027-04-03T16:30:00Z')]}
        zone="Australia/Sydney"
        month="2027-04-01"
      />,
    );
    expect(timeLabels()).toEqual(['2:30 AM GMT+11', '2:30 AM GMT+10']);
  });

  it('formats times for the chosen language', () => {
    render(<Harness slots={SAME_SLOTS} zone="Asia/Kolkata" month="2026-03-01" locale="fr" />);
    expect(
      within(screen.getByRole('list', { name: /créneaux du/i }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['19:30', '21:00']);
  });

  it('says so when the month has no free times and offers the next month', async () => {
    const user = userEvent.setup();
    render(
      <Harness slots={[slot('2026-04-02T14:00:00Z')]} zone="America/New_York" month="2026-03-01" />,
    );
    expect(screen.getByText(/no free times this month/i)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /show next month/i }));
    expect(screen.getByRole('heading', { name: /april 2026/i })).toBeInTheDocument();
    expect(timeLabels()).toEqual(['10:00 AM']);
  });

  it('moves between days with the arrow keys (one tab stop in the grid)', async () => {
    const user = userEvent.setup();
    render(<Harness slots={SAME_SLOTS} zone="America/New_York" month="2026-03-01" />);
    const grid = screen.getByRole('grid');
    const tabStops = within(grid)
      .getAllByRole('button')
      .filter((b) => b.tabIndex === 0);
    expect(tabStops).toHaveLength(1);
    act(() => tabStops[0]!.focus());
    expect(document.activeElement).toHaveAttribute('data-date', '2026-03-10');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAttribute('data-date', '2026-03-11');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toHaveAttribute('data-date', '2026-03-04');
  });
});
