package gen

import (
	"math/bits"
	"strings"
)

// topicIDs lists the topic taxonomy ids in label order. A topicSet bit i stands for topicIDs[i].
var topicIDs = [...]string{
	"hague-convention", "hague-certificate-determination", "special-needs", "suspension",
	"resumption", "fraud-corruption", "immigrant-visa", "dna-testing", "accreditation",
	"pending-cases", "orphan-status", "relative-adoption", "legislation", "delegation-visit",
	"fees", "court-process", "child-welfare",
}

// topicTriggers defines when text renders a topic: it does when a trigger occurs in its
// lower-cased text at the start of a word. The generator keeps every trigger out of its
// neutral sentences, filler vocabulary and names, so a page's topics are exactly those
// whose triggers its title and body contain.
var topicTriggers = [len(topicIDs)][]string{
	{"hague", "convention", "central authorit"},
	{"hague adoption certificate", "hague custody declaration", "article 23"},
	{"special needs", "special-needs"},
	{"suspen", "moratori", "halt"},
	{"resum", "lift", "reopen"},
	{"fraud", "corrupt", "irregularit", "trafficking", "child buying", "child-buying", "bribe", "falsif", "forged"},
	{"visa", "ir-3", "ir-4", "ih-3", "ih-4", "i-600", "i-800", "uscis"},
	{"dna"},
	{"accredit", "service provider", "authoriz"},
	{"pending", "pipeline", "in-process", "grandfather", "transition case"},
	{"orphan", "abandon", "relinquish"},
	{"relative", "kinship", "stepparent", "intrafamily", "intra-family"},
	{"law", "legislat", "bill", "parliament", "regulation", "statute", "amendment", "family code",
		"national assembly", "congress", "duma", "federation council", "senate", "verkhovna rada"},
	{"delegation", "visit", "traveled", "met with"},
	{"fee", "costs", "donation", "payment", "contribution"},
	{"court", "judge", "judicial", "decree", "hearing", "tribunal"},
	{"child welfare", "children’s welfare", "child protection", "foster", "residential care",
		"family-based care", "institutional care"},
}

// topicSet is a set of topics, bit i standing for topicIDs[i].
type topicSet uint32

func topicIndex(id string) int {
	for i, t := range topicIDs {
		if t == id {
			return i
		}
	}
	return -1
}

// ids returns the set's topic ids in taxonomy order.
func (s topicSet) ids() []string {
	out := make([]string, 0, bits.OnesCount32(uint32(s)))
	for i := range topicIDs {
		if s&(1<<i) != 0 {
			out = append(out, topicIDs[i])
		}
	}
	return out
}

// scanTopics returns the topics whose triggers text contains at the start of a word.
func scanTopics(text string) topicSet {
	lower := strings.ToLower(text)
	var set topicSet
	for i, triggers := range topicTriggers {
		for _, t := range triggers {
			if containsWordStart(lower, t) {
				set |= 1 << i
				break
			}
		}
	}
	return set
}

// containsWordStart reports whether s contains sub where it is not preceded by an ASCII
// letter or digit.
func containsWordStart(s, sub string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || !isWordByte(s[i-1]) {
			return true
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
