package mgmtapi

import (
	"context"
	"testing"
	"time"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

// BenchmarkFetch1000 fetches 1,000 hooks (2,000+ requests) through 20ms of
// latency and a token bucket of burst 10 refilled at 100 requests per
// second. No client can beat the bucket: wall/bound compares the run with
// (granted requests - burst) / rate, its lower bound.
func BenchmarkFetch1000(b *testing.B) {
	const (
		hooks     = 1000
		burst     = 10
		perSecond = 100.0
	)
	srv := emulator.Start(b, emulator.WithHooks(emulator.SyntheticHooks(hooks)...), emulator.WithLatency(20*time.Millisecond))
	cfg := Config{BaseURL: srv.URL(), ClientID: srv.ClientID(), ClientSecret: srv.ClientSecret()}
	var ratio, failed, throttled float64
	for range b.N {
		b.StopTimer()
		srv.SetRateLimit(burst, perSecond) // a full bucket for every run
		srv.Reset()
		b.StartTimer()
		start := time.Now()
		inv, err := Fetch(context.Background(), cfg)
		wall := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		granted := srv.APIRequests() - srv.Responses(429)
		bound := time.Duration(float64(granted-burst) / perSecond * float64(time.Second))
		ratio += float64(wall) / float64(bound)
		failed += float64(hooks - len(inv.Hooks) + len(inv.Problems))
		throttled += float64(srv.Responses(429))
	}
	n := float64(b.N)
	b.ReportMetric(ratio/n, "wall/bound")
	b.ReportMetric(failed/n, "failed-hooks")
	b.ReportMetric(throttled/n, "429s/op")
	if failed > 0 {
		b.Errorf("%v hooks failed", failed/n)
	}
}
