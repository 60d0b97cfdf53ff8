package openaitest

import "net/http"

func (s *Server) listRuns(r *http.Request) (result, *apiError) {
	q, err := parseList(r)
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	page, err := paginate(t.runs, func(x *run) string { return x.id }, (*run).wire, q)
	return result{body: page}, err
}

func (s *Server) getRun(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, run, err := s.lookupRun(r)
	if err != nil {
		return result{}, err
	}
	return result{body: run.wire(), pollAfter: true}, nil
}

func (s *Server) modifyRun(r *http.Request) (result, *apiError) {
	var in struct {
		Metadata *map[string]string `json:"metadata"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if in.Metadata != nil {
		if err := checkMetadata("metadata", *in.Metadata); err != nil {
			return result{}, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, run, err := s.lookupRun(r)
	if err != nil {
		return result{}, err
	}
	if in.Metadata != nil {
		run.metadata = *in.Metadata
	}
	return result{body: run.wire()}, nil
}

// lookupRun finds the run named by the path, advanced to now, or answers 404.
// Call with s.mu held.
func (s *Server) lookupRun(r *http.Request) (*thread, *run, *apiError) {
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return nil, nil, err
	}
	id := r.PathValue("run_id")
	if run := t.findRun(id); run != nil {
		return t, run, nil
	}
	return nil, nil, notFound("run", id)
}
