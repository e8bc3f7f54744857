package future

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
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

// PanicError is the error of a Future whose function panicked (or called runtime.Goexit): the panic is
// recovered in the Future's goroutine, which then ends, and Await returns it like any other error.
type PanicError struct {
	// Value is what was passed to panic; nil when the function called runtime.Goexit.
	Value any
	// Stack is the panicking goroutine's stack trace.
	Stack string
}

func (e *PanicError) Error() string {
	if e.Value == nil {
		return "future: the function called runtime.Goexit before returning"
	}
	return fmt.Sprintf("future: the function panicked: %v", e.Value)
}

// Unwrap returns the panic's value when it is an error, so errors.Is and errors.As see it.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Go runs f(ctx) in a new goroutine and returns its Future at once. A nil f gives a Future whose result
// is an error; a panic in f becomes its error too, a *PanicError (the program goes on).
func Go[T any](ctx context.Context, f func(ctx context.Context) (T, error)) *Future[T] {
	fu := &Future[T]{ch: make(chan outcome[T], 1), done: make(chan struct{})}
	if f == nil {
		fu.ch <- outcome[T]{err: errors.New("future: Go was given a nil function")}
		return fu
	}
	go func() {
		sent := false
		defer func() {
			if sent {
				return
			}
			// f panicked, or called runtime.Goexit (then recover returns nil, and the goroutine ends
			// after this deferred call all the same).
			fu.ch <- outcome[T]{err: &PanicError{Value: recover(), Stack: string(debug.Stack())}}
		}()
		v, err := f(ctx)
		fu.ch <- outcome[T]{v, err} // never waits: the channel has room for this one result
		sent = true
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
