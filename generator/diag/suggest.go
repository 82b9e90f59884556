package diag

// EditDistance is the Levenshtein distance between a and b, counted in bytes: the number
// of single-byte insertions, deletions and substitutions that turn a into b. "Did you
// mean" suggestions (unknown keys, commands and flags) use it.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// EditDistanceWithin is EditDistance(a, b) when that is at most limit (ok true), and
// reports ok false otherwise, without finishing the table: a row whose smallest entry
// exceeds limit cannot lead to a distance within it. Short strings need no allocation.
// Suggesting among thousands of unknown keys spends most of its time here.
func EditDistanceWithin(a, b string, limit int) (dist int, ok bool) {
	if limit < 0 {
		return 0, false
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return 0, false
	}
	var buf [2 * 64]int
	var prev, cur []int
	if len(b)+1 <= 64 {
		prev, cur = buf[:len(b)+1], buf[64:64+len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			least = min(least, cur[j])
		}
		if least > limit {
			return 0, false
		}
		prev, cur = cur, prev
	}
	if prev[len(b)] > limit {
		return 0, false
	}
	return prev[len(b)], true
}
