package fakejp1

import (
	"net/http"
	"strconv"
)

type listAnswer struct {
	Data []wireCredential `json:"data"`
	// Count is the number of items in this answer; the contract tells clients
	// not to rely on it either way.
	Count      int         `json:"count"`
	Pagination *pagination `json:"pagination,omitempty"`
}

// handleAnalyticsList serves GET /Analytics/v1/objects/Credentials (DOC OA 2.1.1):
// without paging parameters the first 100 by instanceID, otherwise one page
// with a pagination object.
func (s *Server) handleAnalyticsList(w http.ResponseWriter, r *http.Request) {
	if !s.analyticsAuthorize(w, r, true) {
		return
	}
	pr, aerr := parsePaging(r.URL.Query())
	if aerr != nil {
		writeAPIError(w, r, aerr)
		return
	}
	all := s.Credentials()
	lo, hi, pg := pr.window(len(all))
	out := listAnswer{Data: make([]wireCredential, 0, hi-lo)}
	for i := lo; i < hi; i++ {
		out.Data = append(out.Data, render(&all[i]))
	}
	out.Count = len(out.Data)
	if pr.paged {
		out.Pagination = &pg
	}
	writeJSON(w, http.StatusOK, out)
}

// handleAnalyticsGet serves GET /Analytics/v1/objects/Credentials/{id} (DOC OA 2.1.2).
func (s *Server) handleAnalyticsGet(w http.ResponseWriter, r *http.Request) {
	if !s.analyticsAuthorize(w, r, true) {
		return
	}
	c, ok := s.Credential(pathID(r))
	if !ok {
		writeAnalyticsError(w, r, http.StatusNotFound, msgAnalyticsNotFound, "")
		return
	}
	writeJSON(w, http.StatusOK, render(&c))
}

// handleAnalyticsCreate serves POST /Analytics/v1/objects/Credentials: 201 with the
// created credential; 409 when the name is taken.
func (s *Server) handleAnalyticsCreate(w http.ResponseWriter, r *http.Request) {
	if !s.analyticsAuthorize(w, r, true) {
		return
	}
	in, err := decodeCredentialInput(r)
	if err != nil {
		writeAnalyticsError(w, r, http.StatusBadRequest, msgAnalyticsGeneric, err.Error())
		return
	}
	c, aerr := buildCredential(in, nil)
	if aerr != nil {
		writeAPIError(w, r, aerr)
		return
	}
	s.mu.Lock()
	if s.nameTaken(c.Name, 0) {
		s.mu.Unlock()
		writeAnalyticsError(w, r, http.StatusConflict, msgAnalyticsConflict, "A credential named "+strconv.Quote(c.Name)+" already exists.")
		return
	}
	s.fillDefaultPort(&c)
	c.InstanceID = s.nextCredID
	s.nextCredID++
	s.creds[c.InstanceID] = &c
	out := render(&c)
	s.mu.Unlock()

	w.Header().Set("Location", pathAnalyticsCredentials+"/"+strconv.FormatInt(c.InstanceID, 10))
	writeJSON(w, http.StatusCreated, out)
}

// handleAnalyticsUpdate serves PUT /Analytics/v1/objects/Credentials/{id} (DOC OA
// 2.1.4), a full replace of the non-secret members.
func (s *Server) handleAnalyticsUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.analyticsAuthorize(w, r, true) {
		return
	}
	in, err := decodeCredentialInput(r)
	if err != nil {
		writeAnalyticsError(w, r, http.StatusBadRequest, msgAnalyticsGeneric, err.Error())
		return
	}
	id := pathID(r)
	s.mu.Lock()
	prev, ok := s.creds[id]
	if !ok {
		s.mu.Unlock()
		writeAnalyticsError(w, r, http.StatusNotFound, msgAnalyticsNotFound, "")
		return
	}
	c, aerr := buildCredential(in, prev)
	switch {
	case aerr != nil:
	case s.nameTaken(c.Name, id):
		aerr = &apiError{http.StatusConflict, msgAnalyticsConflict, "A credential named " + strconv.Quote(c.Name) + " already exists."}
	default:
		s.fillDefaultPort(&c)
		c.InstanceID, c.NumOfRelatedResources = id, prev.NumOfRelatedResources
		s.creds[id] = &c
	}
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, r, aerr)
		return
	}
	writeJSON(w, http.StatusOK, render(&c))
}

// handleAnalyticsDelete serves DELETE /Analytics/v1/objects/Credentials/{id}: 204 (DOC OA 2.1.5).
func (s *Server) handleAnalyticsDelete(w http.ResponseWriter, r *http.Request) {
	if !s.analyticsAuthorize(w, r, true) {
		return
	}
	if !s.DeleteCredential(pathID(r)) {
		writeAnalyticsError(w, r, http.StatusNotFound, msgAnalyticsNotFound, "")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// nameTaken reports whether another credential than except has name;
// callers hold s.mu.
func (s *Server) nameTaken(name string, except int64) bool {
	for id, c := range s.creds {
		if id != except && c.Name == name {
			return true
		}
	}
	return false
}

// pathID parses {id}; anything that is not a positive integer names no
// credential, so it gets 404 like an unknown one.
func pathID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0
	}
	return id
}

func writeAPIError(w http.ResponseWriter, r *http.Request, e *apiError) {
	writeAnalyticsError(w, r, e.status, e.messageID, e.message)
}
