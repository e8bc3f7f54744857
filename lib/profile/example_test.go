package profile_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/profile"
)

// The exercise's profile, read like pprof's top: flat time is where the samples landed, cumulative
// time includes every function called.
func ExampleProfile_Table() {
	header, rows := profile.Thumbnails().Table(4)
	fmt.Println(header)
	for _, r := range rows {
		fmt.Println(r)
	}
	// Output:
	// [function flat flat % cum cum %]
	// [main.lanczos 3s 30.0% 3s 30.0%]
	// [flate.(*compressor).deflate 1.9s 19.0% 1.9s 19.0%]
	// [jpeg.(*decoder).processSOS 1.5s 15.0% 1.5s 15.0%]
	// [runtime.mallocgc 1.2s 12.0% 1.2s 12.0%]
}

// CheckHotSpot judges an answer to the exercise: the loop to parallelise and Amdahl's speedup.
func ExampleCheckHotSpot() {
	fmt.Println(profile.CheckHotSpot("main.lanczos", 1.4).Outcome)
	fmt.Println(profile.CheckHotSpot("main.resizeAll", 1/(0.48+0.52/8)).Outcome)
	// Output:
	// not yet
	// passed
}
