"""Readers for other event coders' dictionaries, converted into eventwire's own formats.

``tabari`` reads TABARI/PETRARCH ``.actors`` and ``.agents`` files and turns them into the
user actor file that ``eventwire.extract.kb.merge_user_file`` reads; ``tabari_verbs`` reads
TABARI/PETRARCH verbs dictionaries and turns them into the user trigger file that
``eventwire.extract.lexicon.load`` reads (the setting ``verbs_file``); ``cameo`` reads the
CAMEO-to-PLOVER table both the verbs and the PETRARCH scorer map codes with.
"""
