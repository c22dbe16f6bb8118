import { describe, expect, it } from 'vitest';
import { minutesLeftLabel, percentOf } from './minutes-left';

describe('minutesLeftLabel', () => {
  it('is the reading time times the part not read, in whole minutes', () => {
    expect(minutesLeftLabel(12, 0)).toBe('12 min left');
    expect(minutesLeftLabel(12, 0.5)).toBe('6 min left');
    expect(minutesLeftLabel(7, 0.2)).toBe('6 min left'); // 5.6
    expect(minutesLeftLabel(7, 0.3)).toBe('5 min left'); // 4.9
  });

  it('says less than a minute near the end, and Finished at the end', () => {
    expect(minutesLeftLabel(12, 0.95)).toBe('Less than a minute left');
    expect(minutesLeftLabel(0, 0)).toBe('Less than a minute left');
    expect(minutesLeftLabel(12, 1)).toBe('Finished');
    expect(minutesLeftLabel(12, 1.2)).toBe('Finished');
  });

  it('treats a fraction out of range as its nearest end', () => {
    expect(minutesLeftLabel(10, -0.5)).toBe('10 min left');
    expect(minutesLeftLabel(10, Number.NaN)).toBe('10 min left');
  });
});

describe('percentOf', () => {
  it('is a whole percent within 0–100', () => {
    expect(percentOf(0.426)).toBe(43);
    expect(percentOf(1.5)).toBe(100);
    expect(percentOf(-1)).toBe(0);
    expect(percentOf(Number.NaN)).toBe(0);
  });
});
