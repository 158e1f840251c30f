"""Readers for other event coders' dictionaries, converted into eventwire's own formats.

``tabari`` reads TABARI/PETRARCH ``.actors`` and ``.agents`` files and turns them into the
user actor file that ``eventwire.extract.kb.merge_user_file`` reads.
"""
