package workload

import "time"

// Latency returns how long the server waits before answering each request.
func (s *Server) Latency() time.Duration { return s.latency }

// Capacity returns how many requests the server serves at a time; the others queue. With capacity C
// and latency L it answers at most C/L requests per second, however many clients send them.
func (s *Server) Capacity() int { return cap(s.slots) }
