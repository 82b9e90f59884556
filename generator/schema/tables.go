package schema

import "sync"

// tables fills typeDocs, docs and constraints the first time a schema is made, not at
// start-up: every command links this package (the schema command), and building the maps
// at package initialisation cost every run of codeartifact-gen, gen of a small spec
// included, about 30 allocations and a few hundred microseconds.
//
// An entry already in a map (one that an init function of this package wrote) is kept,
// as it was when the maps were literals that init functions then changed.
var tables = sync.OnceFunc(func() {
	fill(typeDocs, baseTypeDocs())
	fill(docs, baseDocs())
	fill(constraints, baseConstraints())
	expectationDocs()
	adoptDocs()
	groupDocs()
})

func fill[V any](dst, entries map[string]V) {
	for k, v := range entries {
		if _, set := dst[k]; !set {
			dst[k] = v
		}
	}
}
