"""Compliments and complaints about an officer or the department, handled by the Professional
standards group; a public page counts them by year, kind and outcome."""
