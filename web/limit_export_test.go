package web

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// HandlerWithLimits is the app behind search and export limiters of the given sizes (on
// top of its own), for tests of shedding.
func (s *Server) HandlerWithLimits(slots, queue int, wait time.Duration) http.Handler {
	return middleware.RequestID(s.limitWith(newLimiter(slots, queue, wait), newLimiter(slots, queue, wait))(s.handler))
}
