#pragma once
// The Hugo layouts of the benchmark's Hugo site (bench/gen_site.cpp writes
// them into OUT/hugo/layouts). Data only; kept apart so that the generator
// reads as code. Constants, safe to share between threads.

#include <string_view>

namespace bench_gen {

// The layouts. Each mirrors one template of themes/etwinning/templates (same
// markup, same data); docs/performance.md lists the correspondence.

inline constexpr std::string_view k_head = R"HUGO(<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if eq .url "/" }}{{ site.Title }}{{ else }}{{ .title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ .desc }}">
{{ if .noindex }}<meta name="robots" content="noindex">
{{ else }}<link rel="canonical" href="{{ .canonical }}">
{{ end }}<meta property="og:type" content="{{ .og }}">
<meta property="og:title" content="{{ .title }}">
<meta property="og:description" content="{{ .desc }}">
<meta property="og:url" content="{{ .canonical }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:locale" content="it_IT">
<meta name="twitter:card" content="summary">
<meta name="theme-color" content="#0b4f8a">
<link rel="stylesheet" href="{{ site.Params.css }}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }}: le ultime esperienze" href="/feed.xml">
{{ with .ld }}<script type="application/ld+json">{{ . | safeJS }}</script>
{{ end }}</head>
<body>
<a class="skip-link" href="#contenuto">Vai al contenuto</a>
<header class="site-header">
  <div class="wrap site-header__inner">
    <a class="site-title" href="/">{{ site.Title }}</a>
    <nav class="site-nav" aria-label="Menu principale">
      <ul>
        {{ $u := .url }}{{ range site.Menus.main }}<li><a href="{{ .URL }}"{{ if eq .URL $u }} aria-current="page"{{ else if and (gt (len .URL) 1) (hasPrefix $u .URL) }} aria-current="true"{{ end }}>{{ .Name }}</a></li>
        {{ end }}
      </ul>
    </nav>
  </div>
</header>
{{ with .crumbs }}<nav class="breadcrumbs wrap" aria-label="Percorso">
  <ol>
    {{ range . }}<li><a href="{{ .url }}">{{ .label }}</a></li>
    {{ end }}<li><span aria-current="page">{{ $.title }}</span></li>
  </ol>
</nav>
{{ end }}<main id="contenuto" class="wrap" tabindex="-1">
)HUGO";

inline constexpr std::string_view k_foot = R"HUGO(</main>
<footer class="site-footer">
  <div class="wrap">
    <nav aria-label="Link utili">
      <ul>
        {{ $u := .url }}{{ range site.Menus.footer }}<li><a href="{{ .URL }}"{{ if eq .URL $u }} aria-current="page"{{ else if and (gt (len .URL) 1) (hasPrefix $u .URL) }} aria-current="true"{{ end }}>{{ .Name }}</a></li>
        {{ end }}
      </ul>
    </nav>
    <p>{{ site.Title }} è curato da {{ site.Params.publisher }}. Questo sito non usa cookie né servizi di tracciamento.</p>
  </div>
</footer>
</body>
</html>
)HUGO";

// partialCached per story: a card is the same on every list it appears in.
inline constexpr std::string_view k_card = R"HUGO(<li class="card">
  <article>
    <h3 class="card__title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    <p class="card__meta">{{ range .GetTerms "livello" }}<span class="tag">{{ .Title }}</span> {{ end }}<span>Anno scolastico {{ .Params.school_year }}</span>{{ with .Params.school.city }} · <span>{{ . }}{{ range $.GetTerms "regione" }} ({{ .Title }}){{ end }}</span>{{ end }}</p>
    <p class="card__summary">{{ .Params.summary }}</p>
  </article>
</li>
)HUGO";

// Pagination window as in Vetrina: first, last, current +-2, gaps.
inline constexpr std::string_view k_pagination =
    R"HUGO({{ $pag := .pag }}{{ $base := .base }}{{ $cur := $pag.PageNumber }}{{ $total := $pag.TotalPages }}{{ if gt $total 1 }}<nav class="pagination" aria-label="Pagine dell'elenco">
  <p class="pagination__status">Pagina {{ $cur }} di {{ $total }}</p>
  <ul>
    {{ if $pag.HasPrev }}<li><a href="{{ $pag.Prev.URL }}" rel="prev">← Precedente</a></li>
    {{ end }}{{ $lo := sub $cur 2 }}{{ if lt $lo 2 }}{{ $lo = 2 }}{{ end }}{{ $hi := add $cur 2 }}{{ if gt $hi (sub $total 1) }}{{ $hi = sub $total 1 }}{{ end }}<li><a href="{{ $base }}"{{ if eq $cur 1 }} aria-current="page"{{ end }}><span class="visually-hidden">Pagina </span>1</a></li>
    {{ if gt $lo 2 }}<li><span class="pagination__gap" aria-hidden="true">…</span></li>
    {{ end }}{{ if le $lo $hi }}{{ range seq $lo $hi }}<li><a href="{{ $base }}pagina/{{ . }}/"{{ if eq . $cur }} aria-current="page"{{ end }}><span class="visually-hidden">Pagina </span>{{ . }}</a></li>
    {{ end }}{{ end }}{{ if lt $hi (sub $total 1) }}<li><span class="pagination__gap" aria-hidden="true">…</span></li>
    {{ end }}<li><a href="{{ $base }}pagina/{{ $total }}/"{{ if eq $cur $total }} aria-current="page"{{ end }}><span class="visually-hidden">Pagina </span>{{ $total }}</a></li>
    {{ if $pag.HasNext }}<li><a href="{{ $pag.Next.URL }}" rel="next">Successiva →</a></li>
    {{ end }}
  </ul>
</nav>
{{ end }})HUGO";

inline constexpr std::string_view k_home =
    R"HUGO({{ $stories := where site.RegularPages "Section" "esperienze" }}{{ partial "head.html" (dict "title" site.Title "desc" site.Params.description "og" "website" "canonical" .Permalink "url" "/") }}
<div class="hero">
  <h1>{{ site.Title }}</h1>
  {{ with site.Params.intro }}<p class="lead">{{ . }}</p>{{ end }}
  <p><a class="button" href="/esperienze/">Tutte le esperienze ({{ lang.FormatNumber 0 (len $stories) }})</a> <a class="button button--ghost" href="/cerca/">Cerca</a></p>
</div>
<section aria-labelledby="ultime_esperienze">
  <h2 id="ultime_esperienze">Le ultime esperienze</h2>
  <ul class="cards">
    {{ range first 6 $stories }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
  </ul>
</section>
{{ range $t := slice "livello" "competenza" }}{{ with site.GetPage (printf "/%s" $t) }}<section aria-labelledby="sfoglia_{{ $t }}">
  <h2 id="sfoglia_{{ $t }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <ul class="term-grid">
    {{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}"><span class="term-grid__label">{{ .Title }}</span> <span class="term-grid__count">{{ lang.FormatNumber 0 (len .Pages) }} esperienze</span></a></li>
    {{ end }}
  </ul>
</section>
{{ end }}{{ end }}{{ partial "foot.html" (dict "url" "/") }})HUGO";

// /esperienze/ and /esperienze/pagina/N/.
inline constexpr std::string_view k_section =
    R"HUGO({{ $pag := .Paginate .Pages }}{{ $n := $pag.PageNumber }}{{ $base := .RelPermalink }}{{ $url := $base }}{{ $title := .Title }}{{ $crumbs := slice (dict "label" "Home" "url" "/") }}{{ if gt $n 1 }}{{ $url = printf "%spagina/%d/" $base $n }}{{ $title = printf "%s – pagina %d" .Title $n }}{{ $crumbs = $crumbs | append (dict "label" .Title "url" $base) }}{{ end }}{{ partial "head.html" (dict "title" $title "desc" "Tutte le esperienze eTwinning pubblicate, dalla più recente." "og" "website" "canonical" (printf "%s%s" site.Params.base $url) "crumbs" $crumbs "url" $url) }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<p class="count">{{ lang.FormatNumber 0 (len .Pages) }} esperienze</p>
<ul class="cards">
  {{ range $pag.Pages }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
</ul>
{{ partial "pagination.html" (dict "pag" $pag "base" $base) }}
{{ partial "foot.html" (dict "url" $url) }})HUGO";

// /esperienze/<taxonomy>/<term>/ and its pages.
inline constexpr std::string_view k_term =
    R"HUGO({{ $pag := .Paginate .Pages }}{{ $n := $pag.PageNumber }}{{ $tax := .Data.Plural }}{{ $base := .RelPermalink }}{{ $url := $base }}{{ $name := printf "%s: %s" (index site.Params.singular $tax) .Title }}{{ $title := $name }}{{ $crumbs := slice (dict "label" "Home" "url" "/") (dict "label" "Esperienze" "url" "/esperienze/") (dict "label" (index site.Params.plural $tax) "url" (printf "/esperienze/%s/" $tax)) }}{{ if gt $n 1 }}{{ $url = printf "%spagina/%d/" $base $n }}{{ $title = printf "%s – pagina %d" $name $n }}{{ $crumbs = $crumbs | append (dict "label" $name "url" $base) }}{{ end }}{{ $desc := .Description }}{{ if not $desc }}{{ $desc = printf "Le esperienze eTwinning con %s %s." (index site.Params.singular $tax) .Title }}{{ end }}{{ partial "head.html" (dict "title" $title "desc" $desc "og" "website" "canonical" (printf "%s%s" site.Params.base $url) "crumbs" $crumbs "url" $url) }}
<h1>{{ $name }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<p class="count">{{ lang.FormatNumber 0 (len .Pages) }} esperienze</p>
<ul class="cards">
  {{ range $pag.Pages }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
</ul>
{{ partial "pagination.html" (dict "pag" $pag "base" $base) }}
{{ partial "foot.html" (dict "url" $url) }})HUGO";

// /esperienze/<taxonomy>/: the terms with their counts.
inline constexpr std::string_view k_taxonomy =
    R"HUGO({{ partial "head.html" (dict "title" .Title "desc" .Description "og" "website" "canonical" .Permalink "crumbs" (slice (dict "label" "Home" "url" "/") (dict "label" "Esperienze" "url" "/esperienze/")) "url" .RelPermalink) }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<ul class="term-list">
  {{ range .Pages.ByWeight }}<li>
    <a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="term-list__count">{{ lang.FormatNumber 0 (len .Pages) }} esperienze</span>
    {{ with .Description }}<p>{{ . }}</p>{{ end }}
  </li>
  {{ end }}
</ul>
{{ partial "foot.html" (dict "url" .RelPermalink) }})HUGO";

inline constexpr std::string_view k_story =
    R"HUGO({{ $p := . }}{{ $url := .Permalink }}{{ $authors := slice }}{{ range .Params.teachers }}{{ $authors = $authors | append (dict "@type" "Person" "name" .) }}{{ end }}{{ $levels := slice }}{{ range .GetTerms "livello" }}{{ $levels = $levels | append .Title }}{{ end }}{{ $kw := slice }}{{ range .GetTerms "competenza" }}{{ $kw = $kw | append .Title }}{{ end }}{{ range .GetTerms "disciplina" }}{{ $kw = $kw | append .Title }}{{ end }}{{ $article := dict "@type" "Article" "@id" (printf "%s#articolo" $url) "headline" .Title "description" .Params.summary "datePublished" (.Date.Format "2006-01-02") "inLanguage" "it" "url" $url "mainEntityOfPage" $url "publisher" (dict "@type" "Organization" "name" site.Params.publisher) "author" $authors "educationalLevel" $levels "keywords" $kw }}{{ $items := slice (dict "@type" "ListItem" "position" 1 "name" "Home" "item" site.BaseURL) (dict "@type" "ListItem" "position" 2 "name" "Esperienze" "item" (printf "%sesperienze/" site.BaseURL)) (dict "@type" "ListItem" "position" 3 "name" .Title "item" $url) }}{{ $ld := dict "@context" "https://schema.org" "@graph" (slice $article (dict "@type" "BreadcrumbList" "itemListElement" $items)) | jsonify }}{{ partial "head.html" (dict "title" .Title "desc" .Params.summary "og" "article" "canonical" $url "ld" $ld "crumbs" (slice (dict "label" "Home" "url" "/") (dict "label" "Esperienze" "url" "/esperienze/")) "url" .RelPermalink) }}{{ $type := index (.GetTerms "tipo") 0 }}
<article class="story">
  <header class="story__header">
    <p class="story__kicker"><a href="{{ $type.RelPermalink }}">{{ $type.Title }}</a> · Anno scolastico {{ .Params.school_year }}</p>
    <h1>{{ .Title }}</h1>
    <p class="lead">{{ .Params.summary }}</p>
    <p class="story__date">Pubblicata il <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
  </header>

  <aside class="facts" aria-labelledby="scheda_progetto">
    <h2 id="scheda_progetto" class="facts__title">Scheda del progetto</h2>
    <dl>
      <div><dt>Scuola</dt><dd>{{ .Params.school.name }}, {{ .Params.school.city }}{{ range .GetTerms "regione" }} (<a href="{{ .RelPermalink }}">{{ .Title }}</a>){{ end }}</dd></div>
      {{ with .Params.teachers }}<div><dt>Docenti</dt><dd>{{ range . }}<span class="name">{{ . }}</span>{{ end }}</dd></div>{{ end }}
      <div><dt>Tipo di progetto</dt><dd><a href="{{ $type.RelPermalink }}">{{ $type.Title }}</a></dd></div>
      <div><dt>Anno scolastico</dt><dd>{{ .Params.school_year }}</dd></div>
      {{ range $tax := slice "livello" "competenza" "disciplina" "tema" "metodo" "strumento" }}{{ with $p.GetTerms $tax }}<div><dt>{{ index site.Params.plural $tax }}</dt><dd><ul class="tags">{{ range . }}<li><a class="tag" href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></dd></div>
      {{ end }}{{ end }}
      {{ with .Params.quality_labels }}<div><dt>Quality Label</dt><dd>{{ with .national }}Nazionale {{ . }}{{ end }}{{ with .european }}{{ if $p.Params.quality_labels.national }} · {{ end }}Europeo {{ . }}{{ end }}</dd></div>
      {{ end }}
      {{ with .Params.twinspace }}<div><dt>TwinSpace</dt><dd><a href="{{ . }}">Lo spazio del progetto su eTwinning</a></dd></div>
      {{ end }}
    </dl>
  </aside>

  <div class="prose">
    {{ .Content }}
  </div>

  {{ with .Params.partners }}<section class="partners" aria-labelledby="scuole_partner">
    <h2 id="scuole_partner">Scuole partner</h2>
    <ul>
      {{ range . }}<li><span class="partners__school">{{ .school }}</span>, {{ .city }}{{ if eq .country "it" }} – Italia{{ else }}{{ with site.GetPage (printf "/paese/%s" .country) }} – <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</li>
      {{ end }}
    </ul>
  </section>
  {{ end }}
  {{ with .Params.interviews }}<section class="voices" aria-labelledby="voci_progetto">
    <h2 id="voci_progetto">Le voci del progetto</h2>
    {{ range . }}<figure class="voice">
      <blockquote><p>{{ .quote }}</p></blockquote>
      <figcaption>{{ with .name }}{{ . }}, {{ end }}{{ index site.Params.roles .role }}</figcaption>
    </figure>
    {{ end }}
  </section>
  {{ end }}

  <footer class="story__footer">
    <h2>Condividi</h2>
    {{ $u := urlquery $url }}{{ $t := replace (urlquery .Title) "+" "%20" }}<ul class="share">
      <li><a href="{{ printf "mailto:?subject=%s&body=%s" $t $u | safeURL }}" rel="noopener">Email</a></li>
      <li><a href="{{ printf "https://wa.me/?text=%s%%20%s" $t $u | safeURL }}" rel="noopener">WhatsApp</a></li>
      <li><a href="{{ printf "https://www.facebook.com/sharer/sharer.php?u=%s" $u | safeURL }}" rel="noopener">Facebook</a></li>
      <li><a href="{{ printf "https://www.linkedin.com/sharing/share-offsite/?url=%s" $u | safeURL }}" rel="noopener">LinkedIn</a></li>
      <li><a href="{{ printf "https://x.com/intent/post?url=%s&text=%s" $u $t | safeURL }}" rel="noopener">X</a></li>
    </ul>
    <p><a href="/esperienze/">← Tutte le esperienze</a></p>
  </footer>
</article>
{{ partial "foot.html" (dict "url" .RelPermalink) }})HUGO";

// Plain pages (content/pages/*.md).
inline constexpr std::string_view k_page =
    R"HUGO({{ partial "head.html" (dict "title" .Title "desc" (.Description | default site.Params.description) "og" "website" "canonical" .Permalink "crumbs" (slice (dict "label" "Home" "url" "/")) "url" .RelPermalink) }}
<article class="prose">
  <h1>{{ .Title }}</h1>
  {{ .Content }}
</article>
{{ partial "foot.html" (dict "url" .RelPermalink) }})HUGO";

inline constexpr std::string_view k_404 =
    R"HUGO({{ partial "head.html" (dict "title" "Pagina non trovata" "desc" site.Params.description "og" "website" "canonical" (printf "%s/404.html" site.Params.base) "noindex" true "url" "/404.html") }}
<h1>Pagina non trovata</h1>
<p class="lead">L'indirizzo che hai aperto non esiste, oppure la pagina è stata spostata.</p>
<ul>
  <li><a href="/">Torna alla pagina iniziale</a></li>
  <li><a href="/esperienze/">Sfoglia tutte le esperienze</a></li>
  <li><a href="/cerca/">Cerca un'esperienza</a></li>
</ul>
{{ partial "foot.html" (dict "url" "/404.html") }})HUGO";

inline constexpr std::string_view k_atom = R"HUGO({{ printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">
  <title>{{ site.Title }}</title>
  <subtitle>{{ site.Params.description }}</subtitle>
  <id>{{ .Permalink }}</id>
  <link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
  <link rel="self" type="application/atom+xml" href="{{ .Permalink }}feed.xml"/>
  {{ $stories := first site.Params.feed_items (where site.RegularPages "Section" "esperienze") }}{{ with index $stories 0 }}<updated>{{ .Date.Format "2006-01-02T15:04:05Z" }}</updated>{{ end }}
  <author><name>{{ site.Params.publisher }}</name></author>
  {{ range $stories }}<entry>
    <title>{{ .Title }}</title>
    <id>{{ .Permalink }}</id>
    <link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
    <published>{{ .Date.Format "2006-01-02T15:04:05Z" }}</published>
    <updated>{{ .Date.Format "2006-01-02T15:04:05Z" }}</updated>
    {{ range .GetTerms "livello" }}<category term="{{ .Data.Term }}" label="{{ .Title }}"/>
    {{ end }}<summary>{{ .Params.summary }}</summary>
  </entry>
  {{ end }}
</feed>
)HUGO";

// Like Vetrina's: every page, list pages with each of their pages.
inline constexpr std::string_view k_sitemap =
    R"HUGO({{ printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{ range .Data.Pages }}  <url><loc>{{ .Permalink }}</loc></url>
{{ if or (eq .Kind "section") (eq .Kind "term") }}{{ $pages := div (add (len .Pages) 11) 12 }}{{ if gt $pages 1 }}{{ $p := .Permalink }}{{ range seq 2 $pages }}  <url><loc>{{ $p }}pagina/{{ . }}/</loc></url>
{{ end }}{{ end }}{{ end }}{{ end }}</urlset>
)HUGO";

inline constexpr std::string_view k_robots = R"HUGO(User-agent: *
Allow: /

Sitemap: {{ site.BaseURL }}sitemap.xml
)HUGO";

}  // namespace bench_gen
