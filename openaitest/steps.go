package openaitest

import (
	"net/http"
	"slices"
)

func (s *Server) listSteps(r *http.Request) (result, *apiError) {
	q, err := parseList(r)
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, run, err := s.lookupRun(r)
	if err != nil {
		return result{}, err
	}
	render := func(st *step) wireStep { return st.wire(run) }
	page, err := paginate(run.steps, func(st *step) string { return st.id }, render, q)
	return result{body: page}, err
}

func (s *Server) getStep(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, run, err := s.lookupRun(r)
	if err != nil {
		return result{}, err
	}
	id := r.PathValue("step_id")
	i := slices.IndexFunc(run.steps, func(st *step) bool { return st.id == id })
	if i < 0 {
		return result{}, notFound("run step", id)
	}
	return result{body: run.steps[i].wire(run)}, nil
}
