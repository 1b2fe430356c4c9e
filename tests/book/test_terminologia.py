"""A lista de variantes proibidas (book/termos-proibidos.txt) e o verificador."""

from __future__ import annotations

from tests.helpers import load_script

terminologia = load_script("terminologia")


def test_cada_variante_da_lista_e_barrada_com_a_sugestao():
    regras = terminologia.carregar()
    exemplos = {
        "Começamos pela engenharia de recursos.": "engenharia de atributos",
        "A sintonia dos hiperparâmetros.": "ajuste de hiperparâmetros",
        "Os arquivos vão para um balde S3.": "bucket do S3",
        "Use os dados mais frescos.": "mais recente",
        "Um loop de retroalimentação.": "realimentação",
        "A busca da Google.": "do Google",
        "A previsão roda em outro *thread*.": "a thread",
        "Clique em Live Code.": "Código ao vivo",
    }
    for frase, sugestao in exemplos.items():
        achados = terminologia.achados(frase, regras)
        assert achados and sugestao in achados[0][1], frase


def test_termos_corretos_passam():
    regras = terminologia.carregar()
    corretas = (
        "A engenharia de atributos cria colunas; o ajuste de hiperparâmetros escolhe o C. "
        "A previsão roda numa *thread* à parte. O bucket do S3 guarda os dados do Google. "
        "A linha de base da latência é de 20 ms."
    )
    assert terminologia.achados(corretas, regras) == []


def test_verificador_falha_no_html_com_variante(tmp_path, capsys):
    pagina = tmp_path / "cap.html"
    pagina.write_text(
        "<html><body><article><p>Guarde tudo num balde S3.</p>"
        "<pre>balde S3 no código não conta</pre></article></body></html>",
        encoding="utf-8",
    )
    vazio = tmp_path / "pacote"
    vazio.mkdir()
    erros = terminologia.conferir(tmp_path, pacote=vazio)
    assert len(erros) == 1 and "bucket do S3" in erros[0]
