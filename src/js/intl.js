// Dates, times, durations and counts for src/web/intl.rs, through the browser's own Intl: no
// tables shipped. Building the formatters is the slow part, so a widget builds them once.

const date = (year, zone) => ({
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
  ...(year && { year: "numeric" }),
  ...zone,
});

/**
 * The formatters of one widget, for `locale` (undefined: the browser's) and `timeZone`
 * (undefined: the viewer's); throws a RangeError for a locale or zone the browser does not know.
 */
export function formatters(locale, timeZone) {
  const zone = timeZone === undefined ? {} : { timeZone };
  const short = new Intl.DateTimeFormat(locale, date(false, zone));
  const long = new Intl.DateTimeFormat(locale, date(true, zone));
  const full = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "full", ...zone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  // Made on first use: most views show no duration, and it is the slowest to make.
  let duration;
  return {
    locale: () => short.resolvedOptions().locale,
    absolute: (ms, far) => (far ? long : short).format(ms),
    full: (ms) => full.format(ms),
    relative: (value, unit) => relative.format(value, unit),
    // Newer than the rest of Intl: undefined where the browser lacks it.
    duration(days, hours, minutes) {
      if (duration === undefined) {
        try {
          duration = new Intl.DurationFormat(locale, { style: "short" });
        } catch {
          duration = null;
        }
      }
      return duration?.format({ days, hours, minutes });
    },
    number: (n) => number.format(n),
    plural: (n) => plural.select(n),
  };
}
