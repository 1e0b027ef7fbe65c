"""The error users are shown: bad input, one line that names the file."""


class CorpusError(ValueError):
    """Input that cannot be read as a corpus; the message is meant for the user."""
