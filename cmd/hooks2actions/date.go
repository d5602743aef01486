package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant"
)

// sourceDateEpoch is the reproducible-builds variable: seconds since the
// Unix epoch that stand for "now" in generated files.
const sourceDateEpoch = "SOURCE_DATE_EPOCH"

// parseDate reads --date: a day (2026-12-01) or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--date %q: want a day (2006-01-02) or an RFC 3339 time (2006-01-02T15:04:05Z)", s)
	}
	return t.UTC(), nil
}

// reportDate is the date the Markdown report and MIGRATION.md show, so
// that they change with the data rather than with the calendar: --date,
// else when the data was fetched (a snapshot), else SOURCE_DATE_EPOCH,
// else none (zero), and then they show no date at all.
func (o *sourceOptions) reportDate(inv *tenant.Inventory, getenv func(string) string) (time.Time, error) {
	if o.date != "" {
		return parseDate(o.date)
	}
	if !inv.FetchedAt.IsZero() {
		return inv.FetchedAt.UTC(), nil
	}
	epoch := strings.TrimSpace(getenv(sourceDateEpoch))
	if epoch == "" {
		return time.Time{}, nil
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || secs < 0 {
		return time.Time{}, fmt.Errorf("%s=%q: want a whole number of seconds since 1970-01-01T00:00:00Z", sourceDateEpoch, epoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}
