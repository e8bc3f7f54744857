package render

import (
	"fmt"
	"image/color"
	"math"
)

// Spheres is a small ray-traced 3D scene in plain Go: five spheres on a checkered floor under a sky, lit
// by one square lamp, with soft shadows and a mirror sphere. A pixel's work is the number of rays it cast:
// Samples² rays from the eye through the pixel (anti-aliasing); for each that hits something, Shadow rays
// toward points of the lamp (how many reach it makes the shadow soft) and, off the mirror, a reflected ray,
// followed up to Depth times. Every ray is tested against every object. The sky costs one ray per sample;
// the floor in the shadows and the mirror cost many times more.
type Spheres struct {
	Samples int // rays per pixel side: Samples² per pixel, 1 … 4
	Shadow  int // shadow rays per hit, 1 … 16
	Depth   int // reflections followed off the mirror, 0 … 8
}

// NewSpheres returns the sphere scene; each parameter outside its range (see Spheres) is an error naming it.
func NewSpheres(samples, shadow, depth int) (Spheres, error) {
	s := Spheres{Samples: samples, Shadow: shadow, Depth: depth}
	return s, s.check()
}

func (s Spheres) check() error {
	switch {
	case s.Samples < 1 || s.Samples > 4:
		return fmt.Errorf("render: samples = %d is not allowed: want 1 to 4 rays per pixel side (1 to 16 per pixel)", s.Samples)
	case s.Shadow < 1 || s.Shadow > 16:
		return fmt.Errorf("render: shadow = %d is not allowed: want 1 to 16 shadow rays per hit", s.Shadow)
	case s.Depth < 0 || s.Depth > 8:
		return fmt.Errorf("render: depth = %d is not allowed: want 0 to 8 reflections", s.Depth)
	}
	return nil
}

// Name says "spheres, 4 samples, 8 shadow rays, depth 3".
func (s Spheres) Name() string {
	return fmt.Sprintf("spheres, %d samples, %d shadow rays, depth %d", s.Samples*s.Samples, s.Shadow, s.Depth)
}

// Unit is "ray".
func (Spheres) Unit() string { return "ray" }

type vec struct{ x, y, z float64 }

func (a vec) add(b vec) vec            { return vec{a.x + b.x, a.y + b.y, a.z + b.z} }
func (a vec) sub(b vec) vec            { return vec{a.x - b.x, a.y - b.y, a.z - b.z} }
func (a vec) mul(k float64) vec        { return vec{a.x * k, a.y * k, a.z * k} }
func (a vec) times(b vec) vec          { return vec{a.x * b.x, a.y * b.y, a.z * b.z} }
func (a vec) dot(b vec) float64        { return a.x*b.x + a.y*b.y + a.z*b.z }
func (a vec) cross(b vec) vec          { return vec{a.y*b.z - a.z*b.y, a.z*b.x - a.x*b.z, a.x*b.y - a.y*b.x} }
func (a vec) norm() vec                { return a.mul(1 / math.Sqrt(a.dot(a))) }
func (a vec) mix(b vec, t float64) vec { return a.mul(1 - t).add(b.mul(t)) }

type ball struct {
	centre vec
	radius float64
	colour vec
	mirror float64 // share of the colour that is reflection
}

// The scene, fixed: the camera, the lamp and the balls.
var (
	eye    = vec{0, 1.2, -4.6}
	lookAt = vec{0.2, 0.75, 0.5}
	lamp   = vec{-3.2, 6.5, -2.6} // centre of the square lamp
	lampU  = vec{1.6, 0, 0}       // its sides
	lampV  = vec{0, 0, 1.6}
	balls  = []ball{
		{vec{-1.35, 0.7, 0.7}, 0.7, vec{0.85, 0.18, 0.12}, 0},
		{vec{0.45, 1.0, 1.6}, 1.0, vec{0.92, 0.92, 0.95}, 0.8},
		{vec{1.55, 0.45, -0.15}, 0.45, vec{0.18, 0.32, 0.88}, 0},
		{vec{-0.25, 0.3, -0.9}, 0.3, vec{0.95, 0.78, 0.16}, 0},
		{vec{2.7, 0.6, 2.4}, 0.6, vec{0.2, 0.68, 0.3}, 0},
	}
	skyLow  = vec{0.62, 0.78, 0.98}
	skyHigh = vec{0.16, 0.36, 0.78}
)

// Pixel traces Samples² rays through pixel (x, y) and returns the average colour and the rays cast.
func (s Spheres) Pixel(x, y, w, h int) (color.RGBA, int) {
	forward := lookAt.sub(eye).norm()
	right := vec{0, 1, 0}.cross(forward).norm()
	up := forward.cross(right)
	const tanHalf = 0.36 // vertical field of view of about 40°
	aspect := float64(w) / float64(max(h, 1))
	var sum vec
	rays := 0
	n := max(s.Samples, 1)
	for sy := range n {
		for sx := range n {
			u := ((float64(x)+(float64(sx)+0.5)/float64(n))/float64(w) - 0.5) * 2 * tanHalf * aspect
			v := (0.5 - (float64(y)+(float64(sy)+0.5)/float64(n))/float64(h)) * 2 * tanHalf
			dir := forward.add(right.mul(u)).add(up.mul(v)).norm()
			c, k := s.trace(eye, dir, s.Depth)
			sum = sum.add(c)
			rays += k
		}
	}
	c := sum.mul(1 / float64(n*n))
	return color.RGBA{gamma(c.x), gamma(c.y), gamma(c.z), 255}, rays
}

// gamma turns a linear intensity into an 8-bit value (gamma 2: a square root).
func gamma(v float64) uint8 {
	return uint8(math.Round(255 * math.Sqrt(min(max(v, 0), 1))))
}

// hit finds the nearest object along the ray from o in direction d (unit): the distance, and which ball
// (-1 for the floor, -2 for nothing).
func hit(o, d vec) (float64, int) {
	best, what := math.Inf(1), -2
	if d.y < -1e-9 {
		if t := -o.y / d.y; t > 1e-6 {
			best, what = t, -1
		}
	}
	for i, b := range balls {
		oc := o.sub(b.centre)
		half := oc.dot(d)
		disc := half*half - (oc.dot(oc) - b.radius*b.radius)
		if disc < 0 {
			continue
		}
		sq := math.Sqrt(disc)
		t := -half - sq
		if t < 1e-6 {
			t = -half + sq
		}
		if t > 1e-6 && t < best {
			best, what = t, i
		}
	}
	return best, what
}

// blocked reports whether a ball lies between p and the point q.
func blocked(p, q vec) bool {
	d := q.sub(p)
	dist := math.Sqrt(d.dot(d))
	d = d.mul(1 / dist)
	for _, b := range balls {
		oc := p.sub(b.centre)
		half := oc.dot(d)
		disc := half*half - (oc.dot(oc) - b.radius*b.radius)
		if disc < 0 {
			continue
		}
		sq := math.Sqrt(disc)
		if t := -half - sq; t > 1e-6 && t < dist {
			return true
		}
		if t := -half + sq; t > 1e-6 && t < dist {
			return true
		}
	}
	return false
}

// trace returns the light coming back along the ray from o in direction d, and the rays it cast.
func (s Spheres) trace(o, d vec, depth int) (vec, int) {
	t, what := hit(o, d)
	if what == -2 {
		return skyLow.mix(skyHigh, min(max(d.y, 0)*2.2, 1)), 1
	}
	p := o.add(d.mul(t))
	var normal, colour vec
	mirror := 0.0
	if what == -1 {
		normal = vec{0, 1, 0}
		colour = vec{0.82, 0.82, 0.8}
		if (int(math.Floor(p.x))+int(math.Floor(p.z)))&1 != 0 {
			colour = vec{0.22, 0.27, 0.33}
		}
	} else {
		b := balls[what]
		normal = p.sub(b.centre).mul(1 / b.radius)
		colour, mirror = b.colour, b.mirror
	}
	rays := 1
	// Soft shadow: the share of Shadow points on the lamp that p sees (a Kronecker sequence: fixed,
	// well spread).
	lit := 0
	for i := range s.Shadow {
		a := math.Mod(0.5+float64(i)*0.6180339887498949, 1) - 0.5
		b := math.Mod(0.5+float64(i)*0.7548776662466927, 1) - 0.5
		if s.Shadow == 1 {
			a, b = 0, 0
		}
		q := lamp.add(lampU.mul(a)).add(lampV.mul(b))
		if !blocked(p.add(normal.mul(1e-4)), q) {
			lit++
		}
	}
	rays += s.Shadow
	light := lamp.sub(p).norm()
	seen := float64(lit) / float64(s.Shadow)
	diffuse := max(normal.dot(light), 0) * seen
	local := colour.mul(0.12 + 0.88*diffuse)
	if what >= 0 {
		half := light.sub(d).norm()
		local = local.add(vec{1, 1, 1}.mul(0.5 * math.Pow(max(normal.dot(half), 0), 60) * seen))
	} else {
		// the floor fades into the horizon
		local = local.mix(skyLow, min(t/40, 1))
	}
	if mirror > 0 && depth > 0 {
		r := d.sub(normal.mul(2 * d.dot(normal)))
		c, k := s.trace(p.add(normal.mul(1e-4)), r, depth-1)
		rays += k
		local = local.mix(c.times(colour), mirror)
	}
	return local, rays
}
