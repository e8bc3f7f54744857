package nb

import (
	"testing"

	"github.com/parlab/parlab/lib/internal/says"

	"github.com/parlab/parlab/lib/check"
)

func TestVerdictBox(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    check.Result
		want []string
		not  []string
	}{
		{"pass", check.Pass("all <8> rounds right."), []string{`data-outcome="passed"`, "#1e8449", "✓ passed", "all &lt;8&gt; rounds right."},
			[]string{"Hint:", "<details"}},
		{"not yet", check.NotYet("lost 12.", "Use one <sync.Mutex>."), []string{`data-outcome="not yet"`, "#b9770e", "✗ not yet", "<b>Hint:</b> Use one &lt;sync.Mutex&gt;."},
			[]string{"<details"}},
		{"too busy", check.TooBusy("correct; rounds disagreed.").WithAdvice("1.2–1.9×"), []string{`data-outcome="too busy to judge"`, "#5d6d7e",
			"~ too busy to judge", `color:#555">1.2–1.9×</div>`}, []string{"Hint:"}},
		{"detail", check.NotYet("race.", "Lock.").WithDetail("the race detector's report", "WARNING: DATA RACE\n<script>alert(1)</script>"),
			[]string{"<details", "cursor:pointer;color:#555\">the race detector&#39;s report</summary>", "WARNING: DATA RACE\n&lt;script&gt;"}, []string{"<script>"}},
		{"unknown outcome", check.Result{Outcome: 7, Message: "m"}, []string{`data-outcome="not yet"`, "✗ not yet"}, nil},
	} {
		got, err := verdictBox(tt.r)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		says.Check(t, tt.name, got, tt.want, tt.not)
	}
}
