"""O estilo das referências (_ext/bibliografia_pt_br.py), sem gerar o livro.

Formata entradas de todos os tipos do BibTeX, com todos os campos, e confere a
forma em português, os rótulos autor-ano, a ordem alfabética e as citações no
texto. Confere também as convenções dos arquivos .bib do livro.
"""

from __future__ import annotations

import doctest
import importlib
import sys

import pytest
import yaml
from pybtex.database import BibliographyData, parse_file, parse_string
from pybtex.plugin import find_plugin
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from tests.browser.conftest import ENGLISH_REFERENCE_WORDS, ROOT, english_in_references

sys.path.insert(0, str(ROOT / "_ext"))
bib = importlib.import_module("bibliografia_pt_br")
bib.registrar()

EXEMPLOS = r"""
@book{livro, author={Silva, Ana and Souza, Bruno}, title={Título do livro}, edition={Second},
  publisher={Editora Exemplo}, address={São Paulo}, year={2020}, month={March}, volume={3},
  series={Coleção Exemplo}, isbn={978-85-0000-000-0}, note={Nota do livro.},
  url={https://exemplo.org/livro}, urldate={2026-11-26}}
@book{livroorg, editor={Costa, Davi and Rocha, Eva}, title={Obra organizada},
  publisher={Editora Exemplo}, year={2019}}
@article{artigo, author={Silva, Ana and Souza, Bruno and Lima, Carla}, title={Título do artigo},
  journal={Revista Exemplo}, volume={28}, number={2}, pages={129--137}, year={1982}, month=feb,
  doi={10.1000/xyz}, url={https://doi.org/10.1000/xyz}, urldate={2026-11-26}}
@inproceedings{anais, author={Silva, Ana}, title={Título do trabalho},
  booktitle={Anais do Congresso Exemplo}, editor={Costa, Davi}, address={Recife},
  publisher={Sociedade Exemplo}, year={2017}, pages={1--10}, volume={2}, series={Série Anais}}
@incollection{capitulo, author={Silva, Ana}, title={Título do capítulo}, booktitle={Livro coletivo},
  editor={Costa, Davi and Rocha, Eva}, publisher={Editora Exemplo}, address={Lisboa},
  year={2015}, chapter={4}, pages={50--70}, edition={3}}
@inbook{inbook, author={Silva, Ana}, title={Livro com capítulo}, chapter={2}, pages={5--9},
  publisher={Editora Exemplo}, year={2014}}
@techreport{relatorio, author={Souza, Bruno}, title={Título do relatório},
  institution={Instituto Exemplo}, number={949}, address={Brasília}, year={2001}, month={4}}
@phdthesis{tese, author={Lima, Carla}, title={Título da tese}, school={Universidade Exemplo},
  address={Campinas}, year={2018}}
@mastersthesis{dissertacao, author={Lima, Carla}, title={Título da dissertação},
  school={Universidade Exemplo}, year={2016}}
@misc{pagina, author={{Fundação Exemplo}}, title={Título da página},
  howpublished={Documentação da Fundação}, url={https://exemplo.org/}, urldate={2026-05-03}}
@manual{manual, organization={Fundação Exemplo}, title={Manual do usuário}, edition={2},
  address={Curitiba}, year={2022}}
@booklet{folheto, author={Rocha, Eva}, title={Folheto}, howpublished={Distribuição gratuita},
  address={Natal}, year={2011}}
@proceedings{anaiscompletos, editor={Costa, Davi}, title={Anais completos},
  publisher={Sociedade Exemplo}, address={Recife}, year={2017}}
@unpublished{inedito, author={Rocha, Eva}, title={Texto inédito}, note={Manuscrito}, year={2024}}
"""

ESPERADAS = {
    "livro": "Ana Silva e Bruno Souza. Título do livro. 2. ed. São Paulo: Editora Exemplo, "
             "mar. 2020. v. 3 (Coleção Exemplo). Nota do livro. ISBN 978-85-0000-000-0. "
             "Disponível em: https://exemplo.org/livro. Acesso em: 26 nov. 2026.",
    "livroorg": "Davi Costa e Eva Rocha (org.). Obra organizada. Editora Exemplo, 2019.",
    "artigo": "Ana Silva, Bruno Souza e Carla Lima. Título do artigo. Revista Exemplo, v. 28, "
              "n. 2, p. 129–137, fev. 1982. DOI: 10.1000/xyz. Acesso em: 26 nov. 2026.",
    "anais": "Ana Silva. Título do trabalho. In: Davi Costa (org.). Anais do Congresso Exemplo. "
             "Recife: Sociedade Exemplo, 2017. v. 2 (Série Anais). p. 1–10.",
    "capitulo": "Ana Silva. Título do capítulo. In: Davi Costa e Eva Rocha (org.). Livro "
                "coletivo. 3. ed. Lisboa: Editora Exemplo, 2015. cap. 4, p. 50–70.",
    "inbook": "Ana Silva. Livro com capítulo. Editora Exemplo, 2014. cap. 2, p. 5–9.",
    "relatorio": "Bruno Souza. Título do relatório. Relatório técnico n. 949. Brasília: "
                 "Instituto Exemplo, abr. 2001.",
    "tese": "Carla Lima. Título da tese. Tese (Doutorado) – Universidade Exemplo, Campinas, 2018.",
    "dissertacao": "Carla Lima. Título da dissertação. Dissertação (Mestrado) – Universidade "
                   "Exemplo, 2016.",
    "pagina": "Fundação Exemplo. Título da página. Documentação da Fundação. Disponível em: "
              "https://exemplo.org/. Acesso em: 3 maio 2026.",
    "manual": "Fundação Exemplo. Manual do usuário. 2. ed. Curitiba: Fundação Exemplo, 2022.",
    "folheto": "Eva Rocha. Folheto. Distribuição gratuita, Natal, 2011.",
    "anaiscompletos": "Davi Costa (org.). Anais completos. Recife: Sociedade Exemplo, 2017.",
    "inedito": "Eva Rocha. Texto inédito. Manuscrito, 2024.",
}


TEXTO = find_plugin("pybtex.backends", "text")()


def _formatar(bibtex: str) -> dict[str, tuple[str, str]]:
    """Rótulo e texto de cada entrada, na ordem da lista."""
    dados = parse_string(bibtex, "bibtex")
    estilo = bib.EstiloPtBr()
    return {fe.key: (fe.label, fe.text.render(TEXTO))
            for fe in estilo.format_entries(dados.entries.values())}


def test_doctests_da_extensao():
    resultado = doctest.testmod(bib)
    assert resultado.attempted > 0 and resultado.failed == 0


@pytest.mark.parametrize("chave", sorted(ESPERADAS))
def test_cada_tipo_de_entrada_em_portugues(chave):
    """Cada tipo do BibTeX sai na forma da ABNT, sem nenhuma palavra do pybtex em inglês."""
    _, texto = _formatar(EXEMPLOS)[chave]
    assert texto == ESPERADAS[chave]
    assert not ENGLISH_REFERENCE_WORDS.search(texto), texto


def test_rotulos_autor_ano_com_letras_e_ordem_alfabetica():
    formatadas = _formatar(r"""
@misc{z, author={Zinkevich, Martin}, title={Regras}}
@misc{c1, author={{Coletivo}}, title={Bê}}
@misc{c2, author={{Coletivo}}, title={Á}}
@article{b2, author={Breiman, Leo}, title={Statistical Modeling}, journal={S}, year={2001}}
@article{b1, author={Breiman, Leo}, title={Random Forests}, journal={M}, year={2001}}
@misc{av, author={Ávila, Rui}, title={T}, year={2020}}
@misc{az, author={Azevedo, Ana}, title={T}, year={2019}}
@misc{ab, author={abreu, Ana}, title={T}, year={2021}}
@misc{tres, author={Kim, Gene and Humble, Jez and Debois, Patrick}, title={T}, year={2016}}
@misc{dois, author={Russell, Stuart and Norvig, Peter}, title={T}, year={2021}}
@misc{sem, title={Obra sem autor}, year={2010}}
""")
    assert [rotulo for rotulo, _ in formatadas.values()] == [
        "abreu, 2021", "Ávila, 2020", "Azevedo, 2019", "Breiman, 2001a", "Breiman, 2001b",
        "Coletivo, s.d.-a", "Coletivo, s.d.-b", "Kim et al., 2016", "Obra sem autor, 2010",
        "Russell e Norvig, 2021", "Zinkevich, s.d.",
    ]
    # As letras seguem a ordem dos títulos: "Random Forests" (b1) antes de "Statistical".
    assert list(formatadas)[3:5] == ["b1", "b2"]


def _citacao(papel: str, chaves: list[str], pre: str = "", pos: str = "") -> str:
    dados = parse_string(r"""
@article{b1, author={Breiman, Leo}, title={Random Forests}, journal={M}, year={2001}}
@article{b2, author={Breiman, Leo}, title={Two Cultures}, journal={S}, year={2001}}
@misc{tres, author={Kim, Gene and Humble, Jez and Debois, Patrick}, title={T}, year={2016}}
@misc{dois, author={Russell, Stuart and Norvig, Peter}, title={T}, year={2021}}
""", "bibtex")
    estilo = bib.EstiloPtBr()
    formatadas = {fe.key: fe for fe in estilo.format_entries(dados.entries.values())}
    info = SphinxReferenceInfo(builder=None, fromdocname="a", todocname="b", citation_id="id1",
                               title=None, pre_text=pre, post_text=pos)
    referencias = [(dados.entries[c], formatadas[c], info) for c in chaves]
    return str(format_references(bib.CitacaoAutorAno(), papel, referencias))


@pytest.mark.parametrize("papel, chaves, esperada", [
    ("p", ["b1"], "[Breiman, 2001a]"),
    ("p", ["b2", "tres", "dois"], "[Breiman, 2001b; Kim et al., 2016; Russell e Norvig, 2021]"),
    ("ps", ["tres"], "[Kim, Humble e Debois, 2016]"),
    ("t", ["dois"], "Russell e Norvig [2021]"),
    ("t", ["b1", "tres"], "Breiman [2001a] e Kim et al. [2016]"),
    ("ct", ["tres"], "Kim et al. [2016]"),
    ("author", ["dois"], "Russell e Norvig"),
    ("authorpar", ["b1"], "[Breiman]"),
    ("year", ["b2"], "2001b"),
    ("label", ["tres"], "Kim et al., 2016"),
    ("empty", ["b1"], ""),
])
def test_citacoes_no_texto_usam_o_rotulo(papel, chaves, esperada):
    assert _citacao(papel, chaves) == esperada


def test_citacao_com_texto_antes_e_depois():
    citacao = _citacao("p", ["dois"], pre="ver", pos="cap. 3")
    assert citacao == "[ver Russell e Norvig, 2021, cap. 3]"


def _bib_do_livro() -> BibliographyData:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["bibtex_default_style"] == bib.NOME
    assert config["sphinx"]["config"]["bibtex_reference_style"] == bib.NOME_AUTOR_ANO
    dados = BibliographyData()
    for arquivo in config["bibtex_bibfiles"]:
        for chave, entrada in parse_file(ROOT / arquivo).entries.items():
            dados.add_entry(chave, entrada)
    return dados


def test_bib_do_livro_formata_sem_erro_e_sem_ingles():
    """Toda entrada dos .bib do livro sai completa (sem campo obrigatório faltando)."""
    estilo = bib.EstiloPtBr()
    textos = [[fe.key, fe.text.render(TEXTO)]
              for fe in estilo.format_entries(_bib_do_livro().entries.values())]
    assert len(textos) >= 50
    # Tirando os dados do .bib (títulos e notas podem estar em inglês), nada em inglês.
    ingles = english_in_references(textos)
    assert not ingles, "\n".join(ingles)


def test_convencoes_dos_arquivos_bib():
    """A data de acesso fica no campo urldate; o ano, sem letra (o estilo põe a, b...)."""
    problemas = []
    for chave, entrada in _bib_do_livro().entries.items():
        campos = entrada.fields
        if "Acesso em" in campos.get("note", ""):
            problemas.append(f"{chave}: a nota repete a data de acesso; use "
                             "urldate = {{AAAA-MM-DD}} (o estilo escreve 'Acesso em: ...')")
        if "url" in campos and entrada.type == "misc" and "urldate" not in campos:
            problemas.append(f"{chave}: página da web sem urldate = {{AAAA-MM-DD}}")
        ano = campos.get("year", "")
        if ano and not ano.isdigit():
            problemas.append(f"{chave}: year = {{{ano}}}; use só os algarismos (sem data: "
                             "tire o campo; o estilo escreve 's.d.' e as letras 2026a, 2026b)")
    assert not problemas, "\n".join(problemas)
