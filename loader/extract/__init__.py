"""One module per kind of fact; ``article.extract_article`` runs them all on one article."""
