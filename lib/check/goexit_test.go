package check

import "runtime"

func runtimeGoexit() { runtime.Goexit() }
