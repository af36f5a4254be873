"""Reading and writing words: figures, dates, the word lists of each language, formatting, cleaning,
slugs, sentences and Markdown escaping. The base of every stage: import the module you need
(``factbrief.text.numbers``, ``factbrief.text.dates``, …); each is its own seam."""
