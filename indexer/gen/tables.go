package gen

import "fmt"

// tables holds every template parsed.
type tables struct {
	openings, generalOpenings, context, ministry []tmpl
	cite, other, general, closing, filler        []tmpl
	topics                                       [len(topicIDs)][]tmpl
	titles                                       [3][]tmpl // by type
	topicTitles                                  [3][len(topicIDs)][]tmpl
	generalTitles                                [len(topicIDs)][]tmpl
	generalPlain                                 []tmpl
}

func parseTables() (*tables, error) {
	t := &tables{}
	lists := []struct {
		dst *[]tmpl
		src []string
	}{
		{&t.openings, openingTmpls}, {&t.generalOpenings, generalOpeningTmpls},
		{&t.context, contextTmpls}, {&t.ministry, ministryTmpls}, {&t.cite, citeTmpls}, {&t.other, otherCountryTmpls},
		{&t.general, generalTmpls}, {&t.closing, closingTmpls}, {&t.filler, fillerTmpls},
		{&t.titles[typeNotice], noticeTitles}, {&t.titles[typeAlert], alertTitles},
		{&t.titles[typeOther], otherTitles}, {&t.generalPlain, generalPlainTitles},
	}
	for _, l := range lists {
		var err error
		if *l.dst, err = parseAll(l.src); err != nil {
			return nil, err
		}
	}
	maps := []struct {
		dst *[len(topicIDs)][]tmpl
		src map[string][]string
	}{
		{&t.topics, topicTmpls}, {&t.topicTitles[typeNotice], noticeTopicTitles},
		{&t.topicTitles[typeAlert], alertTopicTitles}, {&t.topicTitles[typeOther], otherTopicTitles},
		{&t.generalTitles, generalTitles},
	}
	for _, m := range maps {
		for id, srcs := range m.src {
			i := topicIndex(id)
			if i < 0 {
				return nil, fmt.Errorf("templates: unknown topic %q", id)
			}
			var err error
			if m.dst[i], err = parseAll(srcs); err != nil {
				return nil, err
			}
		}
	}
	for i, id := range topicIDs {
		if len(t.topics[i]) == 0 {
			return nil, fmt.Errorf("templates: no sentences for topic %q", id)
		}
	}
	return t, nil
}
