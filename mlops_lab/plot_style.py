"""O estilo dos gráficos do curso: as cores e a fonte das figuras do livro e a vírgula decimal.

Os diagramas do livro (SVG, em ``book/figures/``) usam a fonte DejaVu Sans e uma paleta
sóbria; os gráficos do matplotlib seguem a mesma linha, com texto grande o bastante para
ler na coluna do livro (11 px ou mais) e números no formato brasileiro (``0,72`` e
``1.234``, não ``0.72`` e ``1,234``).

Todo PNG gravado depois de o estilo entrar em uso leva, nos metadados, o menor tamanho de
fonte da figura (em pontos) e a resolução (``mlops-lab:fonte-minima-pt`` e
``mlops-lab:dpi``): o teste do navegador lê os dois e confere o tamanho do texto na tela
(pontos × dpi / 72 × largura na página / largura do PNG).

Nada muda ao importar este módulo: quem quer o estilo chama :func:`use_course_style`
(os capítulos e notebooks fazem isso na primeira célula), e as funções do pacote que
desenham gráficos usam :func:`course_style` só enquanto desenham.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from matplotlib.figure import Figure

__all__ = ["PALETTE", "br_number", "course_style", "png_font_metadata", "styled",
           "use_course_style"]

#: Cores, na ordem em que as séries as recebem: azul, verde, ocre, vermelho, roxo, cinza.
PALETTE = ["#0969da", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#57606a"]
TEXT = "#24292f"
MUTED = "#57606a"

RC = {
    "font.family": "DejaVu Sans",
    # Com 12 pt, o texto fica com 11 px ou mais na coluna do livro (~690 px) em figuras de
    # até 10,4 polegadas de largura: pontos / 72 × largura na página / largura em polegadas.
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "figure.titlesize": 14,
    "figure.figsize": (7.0, 4.0),
    "axes.prop_cycle": None,  # preenchido em _rc(), para não importar o matplotlib aqui
    "axes.edgecolor": MUTED,
    "axes.labelcolor": TEXT,
    "axes.titlecolor": TEXT,
    "text.color": TEXT,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d0d7de",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "savefig.bbox": "tight",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
}


def br_number(valor: float, casas: int | None = None) -> str:
    """Um número no formato brasileiro: vírgula decimal e ponto nos milhares.

    Parameters
    ----------
    valor : float
        O número.
    casas : int, opcional
        Casas decimais; sem elas, as que o número precisar (até 6, sem zeros à direita).

    Examples
    --------
    >>> br_number(0.72), br_number(1234.5, 1), br_number(1496), br_number(-0.5, 2)
    ('0,72', '1.234,5', '1.496', '-0,50')
    """
    if casas is None:
        texto = f"{valor:,.6f}".rstrip("0").rstrip(".")
    else:
        texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


#: Chaves dos metadados que os PNG gravados com o estilo em uso levam.
FONT_KEY = "mlops-lab:fonte-minima-pt"
DPI_KEY = "mlops-lab:dpi"


def _fonte_minima(fig) -> float | None:
    """O menor tamanho de fonte (pt) entre os textos visíveis e não vazios da figura."""
    from matplotlib.text import Text

    tamanhos = [t.get_fontsize() for t in fig.findobj(Text)
                if t.get_visible() and t.get_text().strip()]
    return min(tamanhos) if tamanhos else None


def png_font_metadata(fig: Figure) -> dict[str, str]:
    """Os metadados de fonte e resolução que o estilo grava em cada PNG de ``fig``.

    A figura é desenhada antes (sem gerar imagem), para que os rótulos dos eixos existam.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> with course_style():
    ...     fig, ax = plt.subplots()
    ...     _ = ax.set_title("Taxa de cancelamento", fontsize=14)
    >>> png_font_metadata(fig)
    {'mlops-lab:fonte-minima-pt': '12', 'mlops-lab:dpi': '100'}
    >>> plt.close(fig)
    """
    fig.draw_without_rendering()
    metadados = {DPI_KEY: f"{fig.dpi:g}"}
    minima = _fonte_minima(fig)
    if minima is not None:
        metadados = {FONT_KEY: f"{minima:g}", **metadados}
    return metadados


def _gravar_metadados_nos_png() -> None:
    """Faz todo PNG do matplotlib levar :func:`png_font_metadata` (uma vez por sessão).

    Vale também para as imagens que o Jupyter mostra nas células (o backend inline grava
    PNG pelo mesmo ``print_png``).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if getattr(FigureCanvasAgg.print_png, "_mlops_lab", False):
        return
    original = FigureCanvasAgg.print_png

    medindo = threading.local()  # o desenho sem imagem do matplotlib passa pelo print_png

    @functools.wraps(original)
    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None):
        if getattr(medindo, "ativo", False):
            return original(self, filename_or_obj, metadata=metadata, pil_kwargs=pil_kwargs)
        medindo.ativo = True
        try:
            metadados = {**png_font_metadata(self.figure), **(metadata or {})}
        finally:
            medindo.ativo = False
        return original(self, filename_or_obj, metadata=metadados, pil_kwargs=pil_kwargs)

    print_png._mlops_lab = True
    FigureCanvasAgg.print_png = print_png


def _rc() -> dict:
    from cycler import cycler

    return {**RC, "axes.prop_cycle": cycler(color=PALETTE)}


def _formatador_br():
    """Um ``ScalarFormatter`` do matplotlib que escreve os números como :func:`br_number`."""
    from matplotlib.ticker import ScalarFormatter

    class FormatadorBR(ScalarFormatter):
        def __call__(self, x, pos=None) -> str:
            return _trocar_separadores(super().__call__(x, pos))

        def get_offset(self):
            return _trocar_separadores(super().get_offset())

        def format_data_short(self, value):
            return _trocar_separadores(super().format_data_short(value))

    return FormatadorBR


def _trocar_separadores(texto: str) -> str:
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


def _escala_linear_br():
    """A escala linear padrão do matplotlib, com o formatador brasileiro nos eixos."""
    from matplotlib.scale import LinearScale

    formatador = _formatador_br()

    class LinearScaleBR(LinearScale):
        name = "linear"

        # O matplotlib 3.11 aposenta o parâmetro axis; o 3.10 o passa.
        def __init__(self, *_axis) -> None:
            super().__init__(None)

        def set_default_locators_and_formatters(self, axis):
            super().set_default_locators_and_formatters(axis)
            axis.set_major_formatter(formatador())

    return LinearScaleBR


def use_course_style() -> None:
    """Aplica o estilo do curso a todos os gráficos seguintes desta sessão.

    Troca a escala linear padrão do matplotlib por uma que escreve os números dos
    eixos com vírgula decimal. Chame uma vez, no início do notebook.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> use_course_style()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 0.5, 1], [0, 0.25, 1])
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['−0,2', '0,0', '0,2']
    >>> plt.close(fig)
    """
    import matplotlib as mpl
    from matplotlib.scale import register_scale

    mpl.rcParams.update(_rc())
    register_scale(_escala_linear_br())
    _gravar_metadados_nos_png()


@contextmanager
def course_style() -> Iterator[None]:
    """O estilo do curso só dentro do bloco ``with`` (as funções do pacote usam assim).

    As cores e fontes valem dentro do bloco; os eixos criados nele recebem o
    formatador com vírgula decimal. Os PNG gravados depois levam os metadados de
    :func:`png_font_metadata`.
    """
    import matplotlib as mpl
    from matplotlib import scale

    anterior = scale._scale_mapping.get("linear")  # restaurada na saída do bloco
    _gravar_metadados_nos_png()
    with mpl.rc_context(_rc()):
        scale.register_scale(_escala_linear_br())
        try:
            yield
        finally:
            if anterior is not None:
                scale._scale_mapping["linear"] = anterior


def styled(funcao: Callable) -> Callable:
    """Decorador: a função desenha com o estilo do curso (:func:`course_style`).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> @styled
    ... def grafico():
    ...     fig, ax = plt.subplots()
    ...     ax.plot([0, 1], [0, 0.5])
    ...     return fig, ax
    >>> fig, ax = grafico()
    >>> fig.canvas.draw()
    >>> ax.get_yticklabels()[1].get_text(), ax.lines[0].get_color()
    ('0,0', '#0969da')
    >>> plt.close(fig)
    """
    @functools.wraps(funcao)
    def desenhar(*args, **kwargs):
        with course_style():
            return funcao(*args, **kwargs)

    return desenhar
