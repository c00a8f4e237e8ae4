package gen

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Content types of the records.
const (
	httpResponseType = "application/http;msgtype=response"
	httpRequestType  = "application/http;msgtype=request"
)

// infoDate is the warcinfo record's date: fixed, so that the file depends only on its
// inputs.
var infoDate = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// newRecord builds a record with the given header fields (name, value pairs) and block;
// gowarc adds Content-Length and the block and payload digests.
func newRecord(typ gowarc.RecordType, id string, date time.Time, uri, contentType string, block []byte, fields ...string) (gowarc.WarcRecord, error) {
	rb := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true), gowarc.WithDefaultDigestAlgorithm("sha1"))
	rb.AddWarcHeader(gowarc.WarcRecordID, "<"+id+">")
	rb.AddWarcHeaderTime(gowarc.WarcDate, date)
	if uri != "" {
		rb.AddWarcHeader(gowarc.WarcTargetURI, uri)
	}
	rb.AddWarcHeader(gowarc.ContentType, contentType)
	for i := 0; i+1 < len(fields); i += 2 {
		rb.AddWarcHeader(fields[i], fields[i+1])
	}
	if _, err := rb.Write(block); err != nil {
		rb.Close()
		return nil, fmt.Errorf("build WARC record: %w", err)
	}
	rec, _, err := rb.Build()
	if err != nil {
		return nil, fmt.Errorf("build WARC record: %w", err)
	}
	return rec, nil
}

// writeInfo writes the warcinfo record that opens the file.
func (s *WARCSink) writeInfo() error {
	block := "software: noticearchive gen\r\nformat: WARC File Format 1.1\r\n" +
		"description: synthetic archive of intercountry-adoption notices\r\n"
	rec, err := newRecord(gowarc.Warcinfo, recordID(s.opts.Seed, "", 0, "warcinfo"), infoDate, "", gowarc.ApplicationWarcFields, []byte(block))
	if err != nil {
		return err
	}
	return s.write(rec)
}

// writeCapture writes the i-th capture of a notice: its request, then its response or
// revisit record.
func (s *WARCSink) writeCapture(n *plannedNotice, i int) error {
	c := &n.captures[i]
	if err := s.writeRequest(recordID(s.opts.Seed, n.path, i, "request"), c.id, n.url, c.time); err != nil {
		return err
	}
	head, payload := encodeResponse(n.versions[c.version], n.charset, c.enc, c.time)
	if c.revisitOf >= 0 {
		orig := n.captures[c.revisitOf]
		rec, err := newRecord(gowarc.Revisit, c.id, c.time, n.url, httpResponseType, head,
			gowarc.WarcProfile, gowarc.ProfileIdenticalPayloadDigestV1_1,
			gowarc.WarcRefersTo, "<"+orig.id+">",
			gowarc.WarcRefersToTargetURI, n.url,
			gowarc.WarcRefersToDate, orig.time.UTC().Format(time.RFC3339),
			gowarc.WarcPayloadDigest, orig.digest)
		if err != nil {
			return err
		}
		return s.write(rec)
	}
	rec, err := newRecord(gowarc.Response, c.id, c.time, n.url, httpResponseType, append(head, payload...))
	if err != nil {
		return err
	}
	c.digest = rec.WarcHeader().Get(gowarc.WarcPayloadDigest)
	return s.write(rec)
}

// writeRequest writes the GET request of a capture.
func (s *WARCSink) writeRequest(id, responseID, uri string, t time.Time) error {
	u, err := url.Parse(uri)
	if err != nil {
		return fmt.Errorf("request for %s: %w", uri, err)
	}
	block := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host +
		"\r\nUser-Agent: Mozilla/5.0 (compatible; noticearchive-gen/1.0)\r\nAccept: text/html,*/*;q=0.8\r\n\r\n"
	rec, err := newRecord(gowarc.Request, id, t, uri, httpRequestType, []byte(block),
		gowarc.WarcConcurrentTo, "<"+responseID+">")
	if err != nil {
		return err
	}
	return s.write(rec)
}

// encodeResponse returns the HTTP header of a 200 response carrying html, and its
// payload as sent.
func encodeResponse(html []byte, charset string, e httpEncoding, t time.Time) (head, payload []byte) {
	ct := "text/html"
	if e.charset {
		ct += "; charset=" + charset
	}
	fields := []string{"Content-Type: " + ct}
	payload = html
	if e.gzip {
		payload = gzipBytes(html)
		fields = append(fields, "Content-Encoding: gzip", "Vary: Accept-Encoding")
	}
	if e.chunk > 0 {
		payload = chunk(payload, e.chunk)
		fields = append(fields, "Transfer-Encoding: chunked")
	} else {
		fields = append(fields, "Content-Length: "+strconv.Itoa(len(payload)))
	}
	return httpHead(200, t, fields...), payload
}

// httpHead renders an HTTP/1.1 status line and header.
func httpHead(status int, t time.Time, fields ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\nDate: %s\r\nServer: Apache\r\n", status, http.StatusText(status), t.UTC().Format(http.TimeFormat))
	for _, f := range fields {
		b.WriteString(f + "\r\n")
	}
	b.WriteString("Connection: close\r\n\r\n")
	return b.Bytes()
}

func gzipBytes(p []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	zw.Write(p)
	zw.Close()
	return b.Bytes()
}

// chunk encodes p with HTTP chunked transfer encoding.
func chunk(p []byte, size int) []byte {
	var b bytes.Buffer
	for len(p) > 0 {
		n := min(size, len(p))
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(p[:n])
		b.WriteString("\r\n")
		p = p[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// Non-HTML responses: a stylesheet and two images.
var assets = [...]struct{ name, contentType, body string }{
	{"css/site.css", "text/css", "body{font-family:Georgia,serif;color:#222}\n.notice h1{font-size:1.6em}\n"},
	{"images/seal.png", "image/png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82"},
	{"images/spacer.gif", "image/gif", "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"},
}

const notFoundPage = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>\n" +
	"<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n"

// writeExtras writes, after a notice's first capture, the non-HTML and non-200
// responses its plan calls for.
func (s *WARCSink) writeExtras(n *plannedNotice) error {
	r := n.rnd
	u, err := url.Parse(n.url)
	if err != nil {
		return fmt.Errorf("extras for %s: %w", n.url, err)
	}
	site := u.Scheme + "://" + u.Host + "/"
	t := n.captures[0].time
	tag := strconv.FormatUint(pageSeed(n.path)&0xffffff, 36)
	if chance(r, s.opts.Assets) {
		a := assets[r.IntN(len(assets))]
		t = t.Add(time.Duration(1+r.IntN(30)) * time.Second)
		head := httpHead(200, t, "Content-Type: "+a.contentType, "Content-Length: "+strconv.Itoa(len(a.body)))
		if err := s.writeExchange(n.path, "asset", site+a.name+"?v="+tag, t, append(head, a.body...)); err != nil {
			return err
		}
		s.stats.Assets++
	}
	if chance(r, s.opts.Errors) {
		t = t.Add(time.Duration(1+r.IntN(30)) * time.Second)
		var resp []byte
		if r.IntN(2) == 0 {
			head := httpHead(404, t, "Content-Type: text/html; charset=UTF-8", "Content-Length: "+strconv.Itoa(len(notFoundPage)))
			resp = append(head, notFoundPage...)
		} else {
			body := `<html><body>Moved to <a href="` + n.url + `">here</a>.</body></html>`
			head := httpHead(302, t, "Location: "+n.url, "Content-Type: text/html; charset=UTF-8", "Content-Length: "+strconv.Itoa(len(body)))
			resp = append(head, body...)
		}
		if err := s.writeExchange(n.path, "error", site+"go/"+tag, t, resp); err != nil {
			return err
		}
		s.stats.Errors++
	}
	return nil
}

// writeExchange writes a request and the response given in full.
func (s *WARCSink) writeExchange(path, kind, uri string, t time.Time, response []byte) error {
	id := recordID(s.opts.Seed, path, 0, kind)
	if err := s.writeRequest(recordID(s.opts.Seed, path, 0, kind+"-request"), id, uri, t); err != nil {
		return err
	}
	rec, err := newRecord(gowarc.Response, id, t, uri, httpResponseType, response)
	if err != nil {
		return err
	}
	return s.write(rec)
}
