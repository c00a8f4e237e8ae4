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
// lower-cased text at the start of a word (so "suspen" finds "suspended"), or, for a
// trigger written "=word", as a whole word. The generator keeps every trigger out of its
// neutral sentences, filler vocabulary and names, so a page's topics are exactly those
// whose triggers its title and body contain. The lists follow the phrases by which
// people (and the project's taxonomy) recognise each topic.
var topicTriggers = [len(topicIDs)][]string{
	{"hague", "convention", "central authorit", "article 23"},
	{"hague adoption certificate", "hague custody declaration", "hague certificate", "article 23",
		"certificate of conformity", "certificates of conformity", "determination not to issue"},
	{"special needs", "special need", "special-needs", "medical condition", "older child", "sibling group",
		"groups of siblings", "special adoption program", "disabilit", "disabled children"},
	{"suspen", "moratori", "halt", "stopped accepting", "stopped processing", "stop accepting",
		"stop processing", "not accepting", "no longer accept", "not accept", "recommends against",
		"temporarily", "not processing", "freeze", "frozen", "paused", "terminat", "=ban", "=banned"},
	{"resum", "lift", "reopen", "may commence", "will commence"},
	{"fraud", "corrupt", "irregularit", "trafficking", "child buying", "child-buying", "bribe", "falsif",
		"forged", "=scam", "baby-selling", "child selling", "coerc", "illicit", "false information",
		"false documents", "criminal investigation", "mothers paid", "unregulated", "unreliable", "misinformation"},
	{"visa", "ir-3", "ir-4", "ih-3", "ih-4", "i-600", "i-800", "u.s. immigration", "immigrate",
		"orphan petition"},
	{"dna"},
	{"accredit", "service provider", "authoriz", "licens", "=asp", "=asps"},
	{"pending", "pipeline", "in-process", "in process", "grandfather", "transition case",
		"already in progress", "underway", "awaiting", "families waiting", "waiting for", "been waiting",
		"currently waiting", "waiting to", "delay", "cases already", "already filed", "already been matched",
		"already obtained", "already accepted", "already been approved", "continue to process",
		"continue processing", "continue to be processed", "processed to conclusion", "case processing",
		"exempt", "official referral", "accept a referral", "accepting a referral",
		"in the process of adopting", "matched with a child", "registered cases", "cases registered"},
	{"orphan", "abandon", "relinquish", "desertion", "i-604", "child buying", "child-buying"},
	{"relative", "kinship", "stepparent", "step-parent", "intrafamil", "intra-famil", "within families",
		"blood relationship", "grandparent", "family member", "customary adoption"},
	{"law", "legislat", "bill", "parliament", "regulation", "statute", "amendment", "family code",
		"national assembly", "congress", "duma", "federation council", "senate", "promulgat", "ratification", "signed an order", "presidential decree", "signed a decree", "enact"},
	{"delegation", "visit", "traveled", "met with", "meeting with", "meetings with", "study tour"},
	{"fee", "=cost", "=costs", "donation", "payment", "contribution", "u.s. dollars", "us dollars",
		"=price", "=prices", "expense", "=charges"},
	{"court", "judge", "judicial", "decree", "hearing", "tribunal", "guardianship", "adoption order",
		"judgment", "judgement", "jugement", "summons", "final decision", "custody", "adjudicat"},
	{"child welfare", "child protection", "foster", "residential care",
		"family-based care", "institutional care", "children’s homes", "children's homes", "alternative care",
		"best interest", "evacuat", "child abuse", "reports of abuse", "abuse cases", "protection systems"},
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
			whole := strings.HasPrefix(t, "=")
			if whole {
				t = t[1:]
			}
			if containsWord(lower, t, whole) {
				set |= 1 << i
				break
			}
		}
	}
	return set
}

// containsWord reports whether s contains sub where it is not preceded (and, if whole,
// not followed) by an ASCII letter or digit.
func containsWord(s, sub string, whole bool) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(sub)
		if (i == 0 || !isWordByte(s[i-1])) && (!whole || end == len(s) || !isWordByte(s[end])) {
			return true
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
