package jp1api

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBasicHeader(t *testing.T) {
	t.Parallel()
	if got := basicHeader("jp1admin", "pw"); got != "Basic anAxYWRtaW46cHc=" {
		t.Fatalf("%q", got)
	}
}

func TestSlot(t *testing.T) {
	t.Parallel()
	s := newSlot()
	if err := s.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	if err := s.acquire(ctx); !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Fatalf("%v after %v", err, time.Since(start))
	}
	got := make(chan struct{})
	go func() {
		_ = s.acquire(context.Background())
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("two holders")
	case <-time.After(20 * time.Millisecond):
	}
	s.release()
	<-got
	s.release()
}
