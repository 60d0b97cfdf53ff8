package openaitest

import (
	"crypto/rand"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// file is a stored file (the spec's OpenAIFile with its bytes).
type file struct {
	id        string
	filename  string
	purpose   string
	content   []byte
	createdAt time.Time
	expiresAt *time.Time
}

// wireFile is the spec's OpenAIFile. status is deprecated but required.
type wireFile struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Bytes     int    `json:"bytes"`
	CreatedAt int64  `json:"created_at"`
	ExpiresAt *int64 `json:"expires_at,omitempty"`
	Filename  string `json:"filename"`
	Purpose   string `json:"purpose"`
	Status    string `json:"status"`
}

func (f *file) wire() wireFile {
	w := wireFile{ID: f.id, Object: "file", Bytes: len(f.content), CreatedAt: unix(f.createdAt),
		Filename: f.filename, Purpose: f.purpose, Status: "processed"}
	if f.expiresAt != nil {
		at := unix(*f.expiresAt)
		w.ExpiresAt = &at
	}
	return w
}

// Limits of an upload: the API's 512 MB is more than a test needs to hold
// in memory; the emulator takes 32 MiB, like any request body.
const maxUploadBytes = 32 << 20

// uploadPurposes are CreateFileRequest's purposes.
var uploadPurposes = []string{"assistants", "batch", "fine-tune", "vision", "user_data", "evals"}

// fileRoutes are the /files endpoints served through handle (JSON answers);
// the content route writes the file's bytes itself (fileContent).
func (s *Server) fileRoutes() map[string]handlerFunc {
	return map[string]handlerFunc{
		"POST /v1/files":             s.createFile,
		"GET /v1/files":              s.listFiles,
		"GET /v1/files/{file_id}":    s.getFile,
		"DELETE /v1/files/{file_id}": s.deleteFile,
	}
}

// createFile stores a multipart upload: a file part and a purpose field,
// optionally expires_after[anchor] and expires_after[seconds].
func (s *Server) createFile(r *http.Request) (result, *apiError) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxUploadBytes)
	if err := r.ParseMultipartForm(maxUploadBytes); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return result{}, &apiError{status: http.StatusRequestEntityTooLarge, Type: "invalid_request_error",
				Message: "openaitest: the upload is larger than its 32 MiB limit."}
		}
		return result{}, invalid("file", "Invalid request: expected a multipart/form-data body with a 'file' and a 'purpose'.")
	}
	purpose := r.FormValue("purpose")
	if purpose == "" {
		return result{}, invalid("purpose", "Missing required parameter: 'purpose'.")
	}
	if !slices.Contains(uploadPurposes, purpose) {
		return result{}, invalid("purpose", "Invalid value: '%s'. Supported values are: 'assistants', 'batch', 'fine-tune', 'vision', 'user_data' and 'evals'.", purpose)
	}
	part, header, err := r.FormFile("file")
	if err != nil {
		return result{}, invalid("file", "Missing required parameter: 'file'.")
	}
	defer part.Close()
	content, rerr := io.ReadAll(part)
	if rerr != nil {
		return result{}, invalid("file", "Could not read the uploaded file.")
	}
	if len(content) == 0 {
		return result{}, invalid("file", "File is empty.")
	}
	expires, aerr := expiresAfter(r)
	if aerr != nil {
		return result{}, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f := &file{id: newFileID(), filename: header.Filename, purpose: purpose, content: content, createdAt: s.opts.Now()}
	if expires > 0 {
		at := f.createdAt.Add(expires)
		f.expiresAt = &at
	}
	s.store.files = append(s.store.files, f)
	s.stats.FilesUploaded++
	return result{body: f.wire(), op: "file.create", id: f.id}, nil
}

// expiresAfter reads the optional expiry policy (anchor created_at, 3600 to
// 2592000 seconds); 0 when absent.
func expiresAfter(r *http.Request) (time.Duration, *apiError) {
	anchor, secs := r.FormValue("expires_after[anchor]"), r.FormValue("expires_after[seconds]")
	if anchor == "" && secs == "" {
		return 0, nil
	}
	if anchor != "created_at" {
		return 0, invalid("expires_after.anchor", "Invalid value: '%s'. Supported values are: 'created_at'.", anchor)
	}
	n, err := strconv.Atoi(secs)
	if err != nil || n < 3600 || n > 2592000 {
		return 0, invalid("expires_after.seconds", "Invalid 'expires_after.seconds': expected an integer between 3600 and 2592000, but got '%s' instead.", secs)
	}
	return time.Duration(n) * time.Second, nil
}

// listFiles pages the files, newest first by default: purpose filters,
// limit is 1 to 10,000 (default 10,000), after is a file ID.
func (s *Server) listFiles(r *http.Request) (result, *apiError) {
	q, perr := parseListOf(r, 10000, 10000)
	if perr != nil {
		return result{}, perr
	}
	q.before = "" // the files list has no before parameter
	v := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	files := s.store.files
	if p := v.Get("purpose"); p != "" {
		files = slices.DeleteFunc(slices.Clone(files), func(f *file) bool { return f.purpose != p })
	}
	page, err := paginate(files, func(f *file) string { return f.id }, (*file).wire, q)
	return result{body: page}, err
}

func (s *Server) getFile(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.lookupFile(r.PathValue("file_id"))
	if err != nil {
		return result{}, err
	}
	return result{body: f.wire()}, nil
}

func (s *Server) deleteFile(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.lookupFile(r.PathValue("file_id"))
	if err != nil {
		return result{}, err
	}
	s.store.files = slices.DeleteFunc(s.store.files, func(g *file) bool { return g == f })
	return result{body: wireDeleted{ID: f.id, Object: "file", Deleted: true}}, nil
}

// fileContent answers a file's bytes. Like OpenAI, it refuses to hand back
// files of purpose assistants (what a caller uploaded for the tools); the
// files the tools write (assistants_output) and other purposes download.
func (s *Server) fileContent(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, err := s.lookupFile(r.PathValue("file_id"))
	var content []byte
	if err == nil && f.purpose == "assistants" {
		err = invalid("", "Not allowed to download files of purpose: assistants")
	}
	if err == nil {
		content = f.content
	}
	s.mu.Unlock()
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(content)
}

// lookupFile finds a file or answers 404. Call with s.mu held.
func (s *Server) lookupFile(id string) (*file, *apiError) {
	i := slices.IndexFunc(s.store.files, func(f *file) bool { return f.id == id })
	if i < 0 {
		return nil, notFound("file", id)
	}
	return s.store.files[i], nil
}

// hasFile reports whether a file with id is stored. Call with s.mu held.
func (s *Server) hasFile(id string) bool {
	_, err := s.lookupFile(id)
	return err == nil
}

// newFileID returns an ID in the API's file form: "file-" and 22 characters.
func newFileID() string {
	b := make([]byte, 22)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return "file-" + string(b)
}
