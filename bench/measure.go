package main

import (
	"context"
	"fmt"
	"time"
)

// sample is what n sequential runs of one peer measured.
type sample struct {
	walls []time.Duration
	reqs  map[string]int // emulator requests by route, all measured runs
	ids   []string
	n     int
}

func (s sample) perRun() float64 { return float64(total(s.reqs)) / float64(s.n) }

// measure runs r once to warm up, then n times in sequence, timing each.
func measure(ctx context.Context, emu *emulator, r runner, n int) (sample, error) {
	if _, err := r(ctx, -1); err != nil {
		return sample{}, fmt.Errorf("warm-up run: %w", err)
	}
	before := emu.requests()
	s := sample{n: n}
	for i := range n {
		t0 := time.Now()
		id, err := r(ctx, i)
		if err != nil {
			return sample{}, fmt.Errorf("run %d: %w", i, err)
		}
		s.walls = append(s.walls, time.Since(t0))
		s.ids = append(s.ids, id)
	}
	s.reqs = diff(before, emu.requests())
	return s, nil
}
