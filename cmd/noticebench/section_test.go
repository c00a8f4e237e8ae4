package main

import "testing"

func TestReplaceSection(t *testing.T) {
	const b, e = "<!-- b -->", "<!-- e -->"
	tests := []struct{ doc, want string }{
		{"", "<!-- b -->\nnew\n<!-- e -->\n"},
		{"# Title\n", "# Title\n\n<!-- b -->\nnew\n<!-- e -->\n"},
		{"# T\n\n<!-- b -->\nold\n<!-- e -->\n\nafter\n", "# T\n\n<!-- b -->\nnew\n<!-- e -->\n\nafter\n"},
	}
	for _, tt := range tests {
		if got := replaceSection(tt.doc, b, e, b+"\nnew\n"+e+"\n"); got != tt.want {
			t.Errorf("replaceSection(%q) = %q, want %q", tt.doc, got, tt.want)
		}
	}
}
