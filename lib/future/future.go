package future

import (
	"context"
	"errors"
	"sync"
)

// Future is a result that a goroutine is computing. Make one with Go; the zero Future is not usable.
type Future[T any] struct {
	ch   chan outcome[T] // capacity 1: the goroutine's one send never waits
	once sync.Once
	got  outcome[T] // set once the result has been received; guarded by once
	done chan struct{}
}

type outcome[T any] struct {
	v   T
	err error
}

// Go runs f(ctx) in a new goroutine and returns its Future at once. A nil f gives a Future whose result
// is an error.
func Go[T any](ctx context.Context, f func(ctx context.Context) (T, error)) *Future[T] {
	fu := &Future[T]{ch: make(chan outcome[T], 1), done: make(chan struct{})}
	if f == nil {
		fu.ch <- outcome[T]{err: errors.New("future: Go was given a nil function")}
		return fu
	}
	go func() {
		v, err := f(ctx)
		fu.ch <- outcome[T]{v, err} // never waits: the channel has room for this one result
	}()
	return fu
}

// Await returns the result, waiting for it if needed, or ctx's error if ctx ends first (the computation
// goes on; await again later, or cancel the context given to Go to stop it). A result that is there
// when Await looks wins over an ended ctx. Any number of goroutines
// may await the same Future; each gets the same result.
func (f *Future[T]) Await(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.got.v, f.got.err
	default:
	}
	select {
	case o := <-f.ch:
		f.once.Do(func() { f.got = o; close(f.done) })
		return f.got.v, f.got.err
	case <-f.done: // another awaiter received it
		return f.got.v, f.got.err
	case <-ctx.Done():
		// Both may be ready at once (a late wake-up on a busy machine): a result that is there wins.
		if f.Ready() {
			return f.got.v, f.got.err
		}
		var zero T
		return zero, ctx.Err()
	}
}

// Ready reports whether the result is there (Await would not wait).
func (f *Future[T]) Ready() bool {
	select {
	case <-f.done:
		return true
	default:
	}
	select {
	case o := <-f.ch:
		f.once.Do(func() { f.got = o; close(f.done) })
		return true
	default:
		return false
	}
}

// All awaits every future in turn with the same ctx and returns their values and errors, index by index:
// with a deadline on ctx, the ones not there in time get ctx's error.
func All[T any](ctx context.Context, fs ...*Future[T]) ([]T, []error) {
	vs, errs := make([]T, len(fs)), make([]error, len(fs))
	for i, f := range fs {
		if f == nil {
			errs[i] = errors.New("future: All was given a nil Future")
			continue
		}
		vs[i], errs[i] = f.Await(ctx)
	}
	return vs, errs
}
