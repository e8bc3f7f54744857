package chart

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image"
	"image/png"
)

// Picture is an image to show, such as a frame a program rendered. Show and WritePage embed it as a PNG,
// so it needs neither ECharts nor the network; its Title is its caption and its alternative text.
type Picture struct {
	Title string
	Image image.Image
	// Width in CSS pixels; 0 means the image's own width, at most 960.
	Width int
	// Pixelated draws an enlarged image with sharp pixels (a small image shown large).
	Pixelated bool
}

// pictureMaxPixels bounds a picture: 16 million pixels make a PNG of tens of MB in the notebook.
const pictureMaxPixels = 16 << 20

// html writes the picture as a <figure> holding the PNG.
func (p Picture) html() (string, error) {
	if p.Image == nil {
		return "", fmt.Errorf("chart: picture %q has no image", p.Title)
	}
	b := p.Image.Bounds()
	if b.Empty() {
		return "", fmt.Errorf("chart: picture %q is empty (%d × %d pixels)", p.Title, b.Dx(), b.Dy())
	}
	if n := b.Dx() * b.Dy(); n > pictureMaxPixels || b.Dx() > pictureMaxPixels || b.Dy() > pictureMaxPixels {
		return "", fmt.Errorf("chart: picture %q has %d × %d pixels; want at most %d in all (scale it down)", p.Title, b.Dx(), b.Dy(), pictureMaxPixels)
	}
	if p.Width < 0 {
		return "", fmt.Errorf("chart: picture %q has width %d px; want 0 (its own) or more", p.Title, p.Width)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, p.Image); err != nil {
		return "", fmt.Errorf("chart: encoding picture %q as PNG: %w", p.Title, err)
	}
	width := p.Width
	if width == 0 {
		width = min(b.Dx(), 960)
	}
	var out bytes.Buffer
	err := templates.ExecuteTemplate(&out, "picture", pictureView{
		Title: p.Title, Width: width, Pixelated: p.Pixelated,
		// A data: URL of base64 is safe in src; html/template would otherwise refuse the data scheme.
		Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())),
	})
	if err != nil {
		return "", fmt.Errorf("chart: writing picture %q: %w", p.Title, err)
	}
	return out.String(), nil
}

type pictureView struct {
	Title     string
	Width     int
	Pixelated bool
	Src       template.URL
}
