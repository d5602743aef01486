package mgmtapi

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant"
	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// fakeClock is a clock whose Sleep returns at once after moving time on,
// shared by the client and the emulator: waits of seconds take no time,
// and what the emulator sees is what the client waited.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	slept time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Unix(1_800_000_000, 0)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	c.slept += d
	return nil
}

func (c *fakeClock) Slept() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slept
}

// tenantFixture is an emulated tenant and a Config that reaches it.
type tenantFixture struct {
	srv   *emulator.Server
	clock *fakeClock
	cfg   Config
}

func newTenant(t *testing.T, opts ...emulator.Option) *tenantFixture {
	t.Helper()
	clock := newFakeClock()
	srv := emulator.Start(t, append([]emulator.Option{emulator.WithClock(clock.Now)}, opts...)...)
	return &tenantFixture{srv: srv, clock: clock, cfg: Config{
		BaseURL:        srv.URL(),
		ClientID:       srv.ClientID(),
		ClientSecret:   srv.ClientSecret(),
		RequestTimeout: 5 * time.Second,
		Deadline:       time.Minute,
		Now:            clock.Now,
		Sleep:          clock.Sleep,
	}}
}

func (f *tenantFixture) fetch(t *testing.T) (*tenant.Inventory, error) {
	t.Helper()
	return Fetch(context.Background(), f.cfg)
}

func (f *tenantFixture) mustFetch(t *testing.T) *tenant.Inventory {
	t.Helper()
	inv, err := f.fetch(t)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return inv
}

// wantError checks that err matches target and says every piece of want.
func wantError(t *testing.T, err, target error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Fetch succeeded, want an error matching %v", target)
	}
	if target != nil && !errors.Is(err, target) {
		t.Errorf("error %q does not match %v", err, target)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func hookNames(inv *tenant.Inventory) []string {
	names := make([]string, len(inv.Hooks))
	for i, h := range inv.Hooks {
		names[i] = h.Name
	}
	return names
}
