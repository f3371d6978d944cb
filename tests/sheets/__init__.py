"""Generated messy plan sheets with known truth (issue 23): read exactly right, or refused, never misread."""
