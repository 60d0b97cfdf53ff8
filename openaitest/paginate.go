package openaitest

import (
	"net/http"
	"slices"
	"strconv"
)

// listQuery is the spec's cursor pagination parameters.
type listQuery struct {
	limit         int
	desc          bool
	after, before string
}

// parseList reads limit (1..100, default 20), order (asc|desc, default desc),
// after and before.
func parseList(r *http.Request) (listQuery, *apiError) {
	return parseListOf(r, 20, 100)
}

// parseListOf is parseList for lists whose limit has another default and
// maximum (the files list: 10,000 both).
func parseListOf(r *http.Request, def, maxLimit int) (listQuery, *apiError) {
	q := listQuery{limit: def, desc: true}
	v := r.URL.Query()
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return q, invalid("limit", "Invalid 'limit': expected an integer between 1 and %d, but got '%s' instead.", maxLimit, s)
		}
		q.limit = n
	}
	switch v.Get("order") {
	case "", "desc":
	case "asc":
		q.desc = false
	default:
		return q, invalid("order", "Invalid value: '%s'. Supported values are: 'asc' and 'desc'.", v.Get("order"))
	}
	q.after, q.before = v.Get("after"), v.Get("before")
	return q, nil
}

// wireList is the spec's list response.
type wireList[T any] struct {
	Object  string  `json:"object"`
	Data    []T     `json:"data"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
	HasMore bool    `json:"has_more"`
}

// paginate pages items (in creation order) by q and renders the page.
// after selects the items following the cursor in list order, before the
// ones preceding it (the nearest limit of them).
func paginate[E any, W any](items []E, id func(E) string, render func(E) W, q listQuery) (wireList[W], *apiError) {
	items = slices.Clone(items)
	if q.desc {
		slices.Reverse(items)
	}
	lo, hi := 0, len(items)
	if q.after != "" {
		i := slices.IndexFunc(items, func(e E) bool { return id(e) == q.after })
		if i < 0 {
			return wireList[W]{}, invalid("after", "Invalid 'after': no object found with id '%s'.", q.after)
		}
		lo = i + 1
	}
	if q.before != "" {
		i := slices.IndexFunc(items, func(e E) bool { return id(e) == q.before })
		if i < 0 {
			return wireList[W]{}, invalid("before", "Invalid 'before': no object found with id '%s'.", q.before)
		}
		hi = min(hi, i)
	}
	page, hasMore := pageOf(items, lo, hi, q)
	out := wireList[W]{Object: "list", Data: make([]W, len(page))}
	for i, e := range page {
		out.Data[i] = render(e)
	}
	if len(page) > 0 {
		first, last := id(page[0]), id(page[len(page)-1])
		out.FirstID, out.LastID = &first, &last
	}
	out.HasMore = hasMore
	return out, nil
}

// pageOf cuts up to q.limit items out of items[lo:hi]: from the start, or
// with only before, from the end (the items nearest the cursor).
func pageOf[E any](items []E, lo, hi int, q listQuery) ([]E, bool) {
	if lo >= hi {
		return nil, false
	}
	if q.before != "" && q.after == "" {
		start := max(lo, hi-q.limit)
		return items[start:hi], start > lo
	}
	end := min(hi, lo+q.limit)
	return items[lo:end], end < hi
}
