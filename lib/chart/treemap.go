package chart

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// TreeMap draws a hierarchy of sizes as nested rectangles, each as large as its value: a CPU profile by
// package and function, say. Click a rectangle to zoom into it; the breadcrumb below leads back. Its
// tooltip gives the path, the value and its share of the whole.
type TreeMap struct {
	Title    string
	Subtitle string // grey, under the title; "\n" starts a new line
	// Unit is what a value measures ("ms of CPU", "samples"): required.
	Unit  string
	Nodes []TreeNode
	// Depth is how many levels show at once before a click zooms in; 0 means 2.
	Depth int
	// Height in px; 0 means 480.
	Height int
}

// TreeNode is a rectangle. A node with children is as large as its Value, or as they are together when
// Value is 0; a leaf's Value must be positive.
type TreeNode struct {
	Name     string
	Value    int
	Children []TreeNode
}

// treeMaxNodes bounds the rectangles of one tree map: more are unreadable and make a large option.
const treeMaxNodes = 5000

// Figure builds the tree map with go-echarts.
func (m TreeMap) Figure() (Figure, error) {
	if strings.TrimSpace(m.Unit) == "" {
		return Figure{}, fmt.Errorf("chart: tree map %q has no unit: say what a value measures (\"ms of CPU\", \"samples\")", m.Title)
	}
	if m.Depth < 0 {
		return Figure{}, fmt.Errorf("chart: tree map %q has depth %d; want 0 (2 levels) or more", m.Title, m.Depth)
	}
	count := 0
	nodes, total, err := treeNodes(m.Nodes, "", &count)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: tree map %q: %w", m.Title, err)
	}
	if total <= 0 {
		return Figure{}, fmt.Errorf("chart: tree map %q is empty: nothing has a positive value", m.Title)
	}
	depth := m.Depth
	if depth == 0 {
		depth = 2
	}
	sub := wrap(m.Subtitle, 120)
	top := 40 + titleLine*len(sub) + 8
	height := m.Height
	if height == 0 {
		height = 480
	}
	tm := charts.NewTreeMap()
	tm.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: m.Title, Subtitle: strings.Join(sub, "\n"), Left: "center",
			SubtitleStyle: &opts.TextStyle{Color: "#555", FontSize: 12, LineHeight: titleLine}}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fn("parlab.tip.tree")}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	// ECharts' level 0 is the series' own root; the nodes given start at level 1. A group's heading is
	// drawn in its border colour: dark for the first level of nodes (white text), light below it.
	levels := []opts.TreeMapLevel{
		{ItemStyle: &opts.ItemStyle{BorderColor: "#333", BorderWidth: 0, GapWidth: 1}},
		{ItemStyle: &opts.ItemStyle{BorderColor: "#555", BorderWidth: 2, GapWidth: 2}},
		{ItemStyle: &opts.ItemStyle{BorderColor: "#ddd", BorderWidth: 1, GapWidth: 1}, ColorSaturation: []float32{0.35, 0.6}},
	}
	tm.AddSeries(m.Title, nodes, charts.WithTreeMapOpts(opts.TreeMapChart{
		LeafDepth: depth, Top: px(top), Bottom: "40", Left: "10", Right: "10", Levels: &levels,
		UpperLabel: &opts.UpperLabel{Show: opts.Bool(true), Color: "#fff"},
	}))
	return Figure{Title: m.Title, Height: height, Chart: tm, data: treeData{Unit: m.Unit, Total: total}}, nil
}

// treeNodes converts nodes to go-echarts' and returns their total; count tracks the nodes seen.
func treeNodes(in []TreeNode, path string, count *int) ([]opts.TreeMapNode, int, error) {
	out := make([]opts.TreeMapNode, 0, len(in))
	total := 0
	for _, n := range in {
		*count++
		if *count > treeMaxNodes {
			return nil, 0, fmt.Errorf("more than %d nodes; merge the small ones (an \"other\" node) to keep it readable", treeMaxNodes)
		}
		name := path + "/" + n.Name
		children, sum, err := treeNodes(n.Children, name, count)
		if err != nil {
			return nil, 0, err
		}
		v := n.Value
		switch {
		case v < 0:
			return nil, 0, fmt.Errorf("node %q has the value %d; want 0 or more", strings.TrimPrefix(name, "/"), v)
		case len(n.Children) == 0 && v == 0:
			continue // an empty leaf takes no room
		case v == 0:
			v = sum
		case v < sum:
			return nil, 0, fmt.Errorf("node %q has the value %d, less than its children's %d", strings.TrimPrefix(name, "/"), v, sum)
		}
		out = append(out, opts.TreeMapNode{Name: n.Name, Value: v, Children: children})
		total += v
	}
	return out, total, nil
}

// treeData is a tree map's table for its tooltips (parlab.data).
type treeData struct {
	Unit  string `json:"unit"`
	Total int    `json:"total"`
}
