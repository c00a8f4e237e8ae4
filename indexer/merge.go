package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// How a build merges segments.
//
// Every batch becomes one segment file. Scorch's default merge plan rounds every segment up
// to FloorSegmentSize (2000 documents), so a few batches of ~450 notices are already "over
// budget" and each merge re-encodes what earlier merges wrote. Merging nothing until the
// end is no better at scale: zap's final merge walks the term dictionaries of all the
// segments side by side, comparing every segment's current term for each term it writes,
// so its cost grows with the number of segments times the terms (the word-pair field has
// millions). At 100,000 pages, 200 segments took 69 s to merge on one core.
//
// A build therefore merges in tiers while it runs (buildConfig): twenty segments of a
// batch become one of twenty batches (10,000 notices), twenty of those one of 200,000,
// and so on, on Scorch's merger goroutine beside the batch writers. The end merges the
// thirty or so that remain in one pass (mergeAllOptions). Since the word pairs left Bleve
// (its vocabulary is much smaller) the final merge of 100,000 pages takes 8-10 s; tiers
// of ten rewrote each notice once more and cost 7 % more CPU in all (190 s against 176 s
// of CPU at 100,000 pages), tiers of forty as much as tiers of ten.
// Should a very large build write maxBuildSegments segments all the same, the writer
// merges them into one first, which bounds the open files.

// buildConfig is the runtime configuration of the index while it is built in batches of
// batchSize notices. It is given when the index is opened, not when it is created, so
// that it is not recorded in the index's metadata: a later read-write opening merges as
// Bleve normally does.
func buildConfig(batchSize int) map[string]interface{} {
	return map[string]interface{}{
		"scorchMergePlanOptions": map[string]interface{}{
			"MaxSegmentsPerTier":   20,
			"MaxSegmentSize":       1 << 30,
			"TierGrowth":           20.0,
			"SegmentsPerMergeTask": 20,
			"FloorSegmentSize":     max(batchSize, 1), // the first tier: segments of a batch
			"ReclaimDeletesWeight": 0.0,               // a build deletes only rewritten notices
		},
	}
}

// maxBuildSegments is the number of segments at which a build merges what it has written
// so far (some 200,000 notices in batches of 500): each segment holds an open file.
const maxBuildSegments = 500

// mergeAllOptions make one merge task of every segment: a budget of one segment
// (FloorSegmentFileSize rounds every segment up past any total), any number of segments
// per task, no size limit, and no preference for rosters that reclaim deletions, so that
// the roster of all segments scores best.
var mergeAllOptions = mergeplan.MergePlanOptions{
	MaxSegmentsPerTier:   1,
	MaxSegmentSize:       mergeplan.MaxSegmentSizeLimit,
	MaxSegmentFileSize:   1 << 50,
	TierGrowth:           1,
	SegmentsPerMergeTask: 1 << 30,
	FloorSegmentSize:     1 << 30,
	FloorSegmentFileSize: 1 << 50,
	ReclaimDeletesWeight: 0,
}

// openForBuild creates a new, empty index at path and opens it for the build with
// buildConfig.
func openForBuild(path string, batchSize int) (bleve.Index, error) {
	im, err := schema.NewMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(path, im, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	idx, err = bleve.OpenUsing(path, buildConfig(batchSize))
	if err != nil {
		return nil, fmt.Errorf("open new index: %w", err)
	}
	return idx, nil
}

func scorchOf(idx bleve.Index) *scorch.Scorch {
	adv, err := idx.Advanced()
	if err != nil {
		return nil
	}
	s, _ := adv.(*scorch.Scorch)
	return s
}

// forceMerge compacts the index to one segment, which searches fastest and lets a
// read-only server map one file. One call merges every segment in one pass; it is
// repeated should the planner leave more than one.
func forceMerge(idx bleve.Index) (segments int, err error) {
	s := scorchOf(idx)
	if s == nil {
		return 0, nil
	}
	for i := 0; i < 4; i++ {
		segments = fileSegments(s)
		if segments <= 1 {
			break
		}
		opts := mergeAllOptions
		if err := s.ForceMerge(context.Background(), &opts); err != nil {
			return 0, fmt.Errorf("force merge: %w", err)
		}
	}
	// ForceMerge returns once the merged segment is searchable; the snapshot that lists
	// it is written to root.bolt later by the persister, and Close does not wait for that.
	if err := waitPersisted(s, persistTimeout); err != nil {
		return 0, fmt.Errorf("force merge: %w", err)
	}
	return fileSegments(s), nil
}

// pairsGuess encodes the word pairs, while the force merge runs, for the order the merge
// is expected to give the documents (expectedMergedOrder); writePairs uses it if the
// index has that order once merged. The merge runs on one core: the encoding takes the
// other, instead of following the merge.
type pairsGuess struct {
	done  chan struct{}
	order []string
	enc   *pairs.Encoded
	err   error
}

// guessPairs starts encoding b for the order the force merge of idx is expected to give;
// it returns nil when that order cannot be foreseen. It reads the index before it
// returns: the encoding, on a goroutine of its own, reads only b.
func guessPairs(idx bleve.Index, b *pairs.Builder) *pairsGuess {
	s := scorchOf(idx)
	if s == nil || waitSettled(s, persistTimeout) != nil {
		return nil
	}
	r, err := s.Reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	order, err := expectedMergedOrder(snap)
	if err != nil || order == nil {
		return nil
	}
	g := &pairsGuess{done: make(chan struct{}), order: order}
	go func() {
		defer close(g.done)
		g.enc, g.err = b.Encode(order, 1) // the merge has the other core
	}()
	return g
}

// take waits for the guess and returns its encoding if it was made for order; if not,
// it lets the encoding go, so that its memory is free for encoding again.
func (g *pairsGuess) take(order []string) *pairs.Encoded {
	if g == nil {
		return nil
	}
	<-g.done
	if g.err != nil || g.enc == nil || !slices.Equal(g.order, order) {
		g.enc = nil
		return nil
	}
	return g.enc
}

// expectedMergedOrder returns the ids of the documents of snap in the order a force merge
// of it numbers them: the merge planner, given the same segments and options, returns
// one task, whose segments zap merges in that order, their live documents one after
// another. It returns nil when a segment is not yet on disk (the merger plans only those)
// or the plan is not one task of every segment. It is a guess: the merger plans on the
// snapshot it sees when it takes the request, which a merge ending in between changes.
func expectedMergedOrder(snap *scorch.IndexSnapshot) ([]string, error) {
	var segs []mergeplan.Segment
	for _, ss := range snap.Segments() {
		if _, ok := ss.Segment().(segment.PersistedSegment); !ok {
			return nil, nil
		}
		segs = append(segs, ss)
	}
	if len(segs) < 2 {
		return nil, nil
	}
	opts := mergeAllOptions
	plan, err := mergeplan.Plan(segs, &opts)
	if err != nil || plan == nil || len(plan.Tasks) != 1 || len(plan.Tasks[0].Segments) != len(segs) {
		return nil, err
	}
	ids, err := pairs.DocOrder(snap) // by internal number: segments one after another
	if err != nil {
		return nil, err
	}
	offsets := map[uint64]uint64{} // by segment id, its first internal number
	next := uint64(0)
	for _, ss := range snap.Segments() {
		offsets[ss.Id()] = next
		next += ss.Segment().Count()
	}
	var order []string
	for _, seg := range plan.Tasks[0].Segments {
		ss, ok := seg.(*scorch.SegmentSnapshot)
		if !ok {
			return nil, nil
		}
		if ss.LiveSize() == 0 {
			continue // the merger leaves it out
		}
		deleted := ss.Deleted()
		for n := range ss.Segment().Count() {
			if deleted != nil && deleted.Contains(uint32(n)) {
				continue
			}
			if at := offsets[ss.Id()] + n; at < uint64(len(ids)) {
				order = append(order, ids[at])
			} else {
				return nil, nil
			}
		}
	}
	return order, nil
}

// persistTimeout bounds the wait for Scorch to record a merged snapshot.
const persistTimeout = 2 * time.Minute

// waitPersisted waits until the index's current root snapshot is persisted.
func waitPersisted(s *scorch.Scorch, timeout time.Duration) error {
	return waitRoot(s, timeout, false)
}

// waitSettled waits until the index's current root snapshot is persisted and the merger
// has planned its merges on it (and they are done): until the next merge is the one
// requested, planned on the root as it is now.
func waitSettled(s *scorch.Scorch, timeout time.Duration) error {
	return waitRoot(s, timeout, true)
}

// waitRoot waits until the root snapshot is persisted and, if planned, the merger has
// planned on it.
func waitRoot(s *scorch.Scorch, timeout time.Duration, planned bool) error {
	deadline := time.Now().Add(timeout)
	for {
		m := s.StatsMap()
		root, _ := m["CurRootEpoch"].(uint64)
		persisted, _ := m["LastPersistedEpoch"].(uint64)
		merged, _ := m["LastMergedEpoch"].(uint64)
		if persisted >= root && (!planned || merged >= root) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("snapshot %d not settled after %v (last persisted %d, last planned for merges %d)", root, timeout, persisted, merged)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// fileSegments reads the number of segment files of the index's root snapshot.
func fileSegments(s *scorch.Scorch) int {
	n, _ := s.StatsMap()["num_root_filesegments"].(uint64)
	return int(n)
}

// merges reads how many segment merges the index has run since it was opened.
func merges(idx bleve.Index) int {
	s := scorchOf(idx)
	if s == nil {
		return 0
	}
	n, _ := s.StatsMap()["TotFileMergeZapEnd"].(uint64)
	return int(n)
}

// reclaimTimeout bounds the wait for Scorch to delete the files a merge replaced.
const reclaimTimeout = 10 * time.Second

// reclaimDisk deletes the segment files of the index at path that its root snapshot no
// longer uses (those a force merge replaced). Scorch deletes them in the background, in
// its persister loop, after an opening read-write has loaded the root and marked older
// snapshots for removal; closing at once races that, so this waits until only the
// root's files are left, or reclaimTimeout has passed (they are then deleted by the next
// read-write opening).
func reclaimDisk(path string) error {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "5s"})
	if err != nil {
		return fmt.Errorf("reopen index: %w", err)
	}
	if s := scorchOf(idx); s != nil {
		store := filepath.Join(path, "store")
		live, err := rootFiles(s)
		if err != nil {
			idx.Close()
			return fmt.Errorf("reopen index: %w", err)
		}
		deadline := time.Now().Add(reclaimTimeout)
		for unused(store, live) > 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
	return idx.Close()
}

// rootFiles lists the names of the segment files of the index's root snapshot.
func rootFiles(s *scorch.Scorch) (map[string]bool, error) {
	r, err := s.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	files := map[string]bool{}
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		for _, seg := range snap.Segments() {
			if p, ok := seg.Segment().(interface{ Path() string }); ok {
				files[filepath.Base(p.Path())] = true
			}
		}
	}
	return files, nil
}

// unused counts the segment files in a Scorch store directory that are not in live.
func unused(store string, live map[string]bool) int {
	n := 0
	for _, name := range zapFiles(store) {
		if !live[name] {
			n++
		}
	}
	return n
}

// zapFiles lists the segment files in a Scorch store directory.
func zapFiles(store string) []string {
	entries, err := os.ReadDir(store)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			names = append(names, e.Name())
		}
	}
	return names
}
