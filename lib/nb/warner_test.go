package nb_test

import (
	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/counter"
	"github.com/parlab/parlab/lib/falseshare"
	"github.com/parlab/parlab/lib/nb"
)

// The results nb.Run and nb.Measure show warnings for: the compiler checks that each is a Warner.
var (
	_ nb.Warner = (*bench.Result)(nil)
	_ nb.Warner = (*counter.Contention)(nil)
	_ nb.Warner = falseshare.Result{}
)
