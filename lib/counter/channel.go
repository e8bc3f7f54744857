package counter

import "sync"

// Channel is a counter owned by one goroutine: Add and Value send it a message on an unbuffered channel,
// and only the owner ever touches the count, so no lock is needed ("share memory by communicating").
// Each Add is a rendezvous with the owner, which makes it the slowest kind here.
//
// Make one with [NewChannel] and Close it when done: Close ends the owner goroutine. Add or Value after
// Close do nothing and return 0.
type Channel struct {
	msgs      chan message
	done      chan struct{}
	closeOnce sync.Once
	exited    chan struct{}
}

type message struct {
	delta int64
	reply chan int64 // non-nil: a Value request
}

// NewChannel starts the owner goroutine and returns the counter. The goroutine runs until Close.
func NewChannel() *Channel {
	c := &Channel{
		msgs:   make(chan message),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	go c.own()
	return c
}

func (c *Channel) own() {
	defer close(c.exited)
	var n int64 // owned by this goroutine alone
	for {
		select {
		case m := <-c.msgs:
			if m.reply != nil {
				m.reply <- n
				continue
			}
			n += m.delta
		case <-c.done:
			return
		}
	}
}

// Add sends delta to the owner. It returns once the owner has received the message.
func (c *Channel) Add(delta int64) {
	if c.msgs == nil {
		return
	}
	select {
	case c.msgs <- message{delta: delta}:
	case <-c.done:
	}
}

// Value asks the owner for the count and waits for the answer. Messages are handled in order, so every
// Add that returned before Value was called is included.
func (c *Channel) Value() int64 {
	if c.msgs == nil {
		return 0
	}
	reply := make(chan int64, 1)
	select {
	case c.msgs <- message{reply: reply}:
		return <-reply
	case <-c.done:
		return 0
	}
}

// Close stops the owner goroutine and waits until it has ended. Calling it again does nothing. It
// always returns nil; the error is there so Channel is an io.Closer.
func (c *Channel) Close() error {
	if c.msgs == nil {
		return nil
	}
	c.closeOnce.Do(func() { close(c.done) })
	<-c.exited
	return nil
}
