"""One renderer per view type: each turns an arch and records into the data its template shows."""
