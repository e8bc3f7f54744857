package nb

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/internal/cell"
)

// display sends HTML to the notebook, or prints text outside one.
func display(htmlText, plain string) {
	if gonbui.IsNotebook {
		gonbui.DisplayHTML(htmlText)
		cell.Flush()
		return
	}
	fmt.Println(plain)
}

// Markdownf shows a sentence or paragraph built with fmt.Sprintf, rendered as Markdown: the way a notebook
// says something that depends on the machine ("this machine has 2 cores, so …").
func Markdownf(format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	if gonbui.IsNotebook {
		gonbui.DisplayMarkdown(text)
		cell.Flush()
		return
	}
	fmt.Println(text)
}

// Err shows err as a sentence in a red box and returns true, or returns false when err is nil. A cell uses
// it as: if nb.Err(err) { return }.
func Err(err error) bool {
	if err == nil {
		return false
	}
	display(cell.ErrorHTML(err.Error()), "error: "+err.Error())
	return true
}

// Verdict shows the result of a self-check: a green "✓ passed" box, an amber "✗ not yet" box with the
// hint, or a grey-blue "too busy to judge" box, each with the check's message; advice follows in grey,
// and a detail (a race report, stacks) folded under its title. Outside a notebook it prints r.String()
// after the same mark.
func Verdict(r check.Result) {
	h, err := verdictBox(r)
	if err != nil {
		// The template is fixed and its data plain strings: this cannot happen, but if it did, say so.
		Err(fmt.Errorf("nb: the verdict could not be shown: %w", err))
		return
	}
	look := lookOf(r.Outcome)
	display(h, look.mark[:strings.IndexByte(look.mark, ' ')]+" "+r.String())
}

// verdictBox is the HTML of Verdict.
func verdictBox(r check.Result) (string, error) {
	look := lookOf(r.Outcome)
	var b strings.Builder
	err := verdictHTML.Execute(&b, struct {
		check.Result
		Mark, Colour, Background, Outcome string
	}{r, look.mark, look.colour, look.background, r.Outcome.String()})
	return b.String(), err
}

// lookOf is how an outcome is shown; anything unknown is shown as not yet, as Outcome.String says.
func lookOf(o check.Outcome) verdictLook {
	if look, ok := verdictLooks[o]; ok {
		return look
	}
	return verdictLooks[check.NotPassed]
}

type verdictLook struct{ mark, colour, background string }

var verdictLooks = map[check.Outcome]verdictLook{
	check.Passed:    {"✓ passed", "#1e8449", "#e9f7ef"},
	check.NotPassed: {"✗ not yet", "#b9770e", "#fef5e7"},
	check.Undecided: {"~ too busy to judge", "#5d6d7e", "#eaf2f8"},
}

var verdictHTML = template.Must(template.New("verdict").Parse(
	`<div class="parlab-verdict" data-outcome="{{.Outcome}}" style="border-left:4px solid {{.Colour}};background:{{.Background}};padding:6px 10px;font-family:sans-serif">` +
		`<b>{{.Mark}}</b> — {{.Message}}` +
		`{{if .Hint}}<div style="margin-top:4px"><b>Hint:</b> {{.Hint}}</div>{{end}}` +
		`{{if .Advice}}<div style="margin-top:4px;color:#555">{{.Advice}}</div>{{end}}` +
		`{{if .Detail.Text}}<details style="margin-top:4px"><summary style="display:list-item;cursor:pointer;color:#555">{{or .Detail.Title "detail"}}</summary>` +
		`<pre style="white-space:pre-wrap;font-size:85%">{{.Detail.Text}}</pre></details>{{end}}` +
		`</div>`))

// Predict shows the learner's guess next to what the machine measured, and how far off the guess was.
// It compares positive quantities (speedups, times, rates); for a count, where 0 is an answer, use
// [PredictCount]. A guess that is NaN or zero (the
// Parameters cell left unchanged) is shown as "no prediction"; a negative or infinite guess, and a
// measurement that is not a positive number, are said to be so, and no percentage is computed.
func Predict(what string, guess, measured float64, unit string) {
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	g, m := fmt.Sprintf("%.3g %s", guess, unit), fmt.Sprintf("%.3g %s", measured, unit)
	usable := measured > 0 && finite(measured)
	if !usable {
		m = "nothing usable"
	}
	var verdict string
	switch {
	case guess == 0 || math.IsNaN(guess):
		g = "no prediction"
		verdict = "You made no prediction — set it in the Parameters cell and re-run to test your intuition."
	case !usable:
		verdict = fmt.Sprintf("The measurement (%v) is not a positive number, so there is nothing to compare your prediction with: re-run the measurement.", measured)
	case !finite(guess):
		verdict = "Your prediction is not a finite number: set a positive number in the Parameters cell and re-run."
	case guess < 0:
		verdict = "Your prediction is negative, and what was measured is positive: set a positive number in the Parameters cell and re-run."
	case guess/measured > 1000 || measured/guess > 1000:
		verdict = "Your prediction is off by more than a factor of 1000: check its unit and the number of zeros."
	case math.Abs(guess-measured) <= 0.1*measured:
		verdict = "Within 10%: your model of this machine is good."
	case guess > measured:
		verdict = fmt.Sprintf("You expected %.0f%% more than the machine delivered: something costs more than you assumed.", 100*(guess/measured-1))
	default:
		verdict = fmt.Sprintf("The machine did %.0f%% better than you expected.", 100*(measured/guess-1))
	}
	display(fmt.Sprintf(`<div class="parlab-predict" style="border-left:4px solid #2e86c1;background:#ebf5fb;padding:6px 10px;font-family:sans-serif"><b>%s</b> — you predicted <b>%s</b>, this machine measured <b>%s</b>. %s</div>`,
		html.EscapeString(what), html.EscapeString(g), html.EscapeString(m), html.EscapeString(verdict)),
		fmt.Sprintf("%s: predicted %s, measured %s. %s", what, g, m, verdict))
}

// PredictCount shows the learner's guess of a count (how many of the runs did something) next to what
// the machine counted, out of the of runs there were. Zero is an answer, for the guess and the count
// alike; a negative guess (-1, as a Parameters cell leaves it) is "no prediction". A guess above of
// is said to be impossible. The verdict speaks in runs, not percentages.
func PredictCount(what string, guess, measured, of int) {
	g, m := fmt.Sprint(guess), fmt.Sprintf("%d of %d", measured, of)
	runs := func(n int) string {
		if n == 1 {
			return "1 run"
		}
		return fmt.Sprintf("%d runs", n)
	}
	d := guess - measured
	var verdict string
	switch {
	case guess < 0:
		g = "no prediction"
		verdict = "You made no prediction — set it in the Parameters cell (0 or more) and re-run to test your intuition."
	case guess > of:
		verdict = fmt.Sprintf("Your prediction is more than the %s there were: set 0 to %d in the Parameters cell and re-run.", runs(of), of)
	case d == 0:
		verdict = "Exactly right: your model of this machine is good."
	case abs(d) <= max(1, of/10):
		verdict = fmt.Sprintf("Close: off by %s of %d.", runs(abs(d)), of)
	case d > 0:
		verdict = fmt.Sprintf("You expected %s more than the machine showed.", runs(d))
	default:
		verdict = fmt.Sprintf("The machine showed %s more than you expected.", runs(-d))
	}
	display(fmt.Sprintf(`<div class="parlab-predict" style="border-left:4px solid #2e86c1;background:#ebf5fb;padding:6px 10px;font-family:sans-serif"><b>%s</b> — you predicted <b>%s</b>, this machine measured <b>%s</b>. %s</div>`,
		html.EscapeString(what), html.EscapeString(g), html.EscapeString(m), html.EscapeString(verdict)),
		fmt.Sprintf("%s: predicted %s, measured %s. %s", what, g, m, verdict))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Table shows rows under a header as an HTML table (plain aligned text outside a notebook).
func Table(header []string, rows [][]string) {
	var h, p strings.Builder
	h.WriteString(`<table class="parlab-table" style="border-collapse:collapse;font-family:sans-serif"><thead><tr>`)
	for _, c := range header {
		fmt.Fprintf(&h, `<th style="text-align:left;padding:2px 12px 2px 0;border-bottom:1px solid #999">%s</th>`, html.EscapeString(c))
	}
	h.WriteString("</tr></thead><tbody>")
	p.WriteString(strings.Join(header, " | ") + "\n")
	for _, r := range rows {
		h.WriteString("<tr>")
		for _, c := range r {
			fmt.Fprintf(&h, `<td style="text-align:left;padding:2px 12px 2px 0">%s</td>`, html.EscapeString(c))
		}
		h.WriteString("</tr>")
		p.WriteString(strings.Join(r, " | ") + "\n")
	}
	h.WriteString("</tbody></table>")
	display(h.String(), strings.TrimRight(p.String(), "\n"))
}
