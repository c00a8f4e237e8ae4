package web

// SetExportPageSize makes exports read results in pages of n, so that tests over a small
// index go through many pages.
func (s *Server) SetExportPageSize(n int) { s.exportPageSize = n }
