package analyzer

import (
	"os"
	"testing"
)

func BenchmarkZZShape(b *testing.B) {
	name := os.Getenv("SHAPE")
	for _, shape := range growthShapes {
		if shape.name != name {
			continue
		}
		src := []byte(shape.build(40000))
		for b.Loop() {
			AnalyzeScript(Script{Source: src, File: "hook.js", Detail: true})
		}
	}
}
