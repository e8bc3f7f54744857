package chart

import "regexp"

var idRE = regexp.MustCompile(`parlab-[0-9a-f]{16}`)
