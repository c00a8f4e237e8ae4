package archive

import "testing"

func TestKindOf(t *testing.T) {
	tests := []struct {
		name string
		want fileKind
	}{
		{"a.html", kindHTML}, {"A.HTM", kindHTML}, {"x.shtml", kindHTML}, {"p.php", kindHTML},
		{"p.asp", kindHTML}, {"p.aspx", kindHTML}, {"p.cfm", kindHTML}, {"dir/DRC6-13-14.html", kindHTML},
		{"index.php?id=3.5", kindHTML}, {"page.asp@x=1.2", kindHTML}, {"page.php%3Fid=3", kindHTML},
		{"style.css", kindOther}, {"logo.gif", kindOther}, {"notes.txt", kindOther}, {".htaccess", kindOther},
		{"a.html.orig", kindOther}, {"index", kindUnknown}, {"dir.d/README", kindUnknown},
		{"crawl.warc", kindWARC}, {"crawl.WARC.GZ", kindWARC}, {"crawl.gz", kindOther},
	}
	for _, tt := range tests {
		if got := kindOf(tt.name); got != tt.want {
			t.Errorf("kindOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSniffHTML(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"<!DOCTYPE html><html><head>", true},
		{"  \n<HTML>", true},
		{"<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n<table>", true},
		{"\xEF\xBB\xBF<!doctype html>", true},
		{"\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00", true},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"Just some notes.\nNothing to see.", false},
		{"GIF89a\x01\x00", false},
		{"%PDF-1.4\n", false},
		{"{\"html\": 1}", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := sniffHTML([]byte(tt.head)); got != tt.want {
			t.Errorf("sniffHTML(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestIsHTMLType(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html": true, "Text/HTML; charset=ISO-8859-1": true, "application/xhtml+xml": true,
		"text/plain": false, "": false, "image/gif": false,
	} {
		if got := isHTMLType(ct); got != want {
			t.Errorf("isHTMLType(%q) = %v, want %v", ct, got, want)
		}
	}
}
